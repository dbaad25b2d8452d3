package com.earshot.playground;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The editor's "Ask which agent testers prefer, after both": an A/B test's setting, saved with the
 * others in "How evaluations run" and audited in words; tuning has none.
 */
@EarshotTest
class PreferenceSettingWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  @Test
  void shouldTurnThePreferenceQuestionOnAndOffAndAuditEachChange() {
    Person admin = world.admin("pref-setting");
    UUID id = world.fixtures.abPlayground(admin.id());
    Document editor = page(edit(admin, id));
    assertThat(editor.select("#settings label[for=asksPreference]").text())
        .isEqualTo("Ask which agent testers prefer, after both");
    assertThat(editor.select("#asksPreference").hasAttr("checked")).isFalse();

    MvcTestResult on = save(admin, id, true);

    assertThat(on)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#settings")
        .flash()
        .containsEntry("notice", "Settings saved.");
    assertThat(asksPreference(id)).isTrue();
    assertThat(page(edit(admin, id)).select("#asksPreference").hasAttr("checked")).isTrue();
    assertThat(world.auditBy(admin))
        .containsExactly(
            new AuditRow(
                admin.id(),
                "playground.update",
                "playground",
                id,
                id,
                Map.of("asks_preference", false),
                Map.of("asks_preference", true),
                "127.0.0.1"));
    assertThat(audit(admin))
        .contains("began asking testers which agent they prefer on “" + name(id) + "”");

    assertThat(save(admin, id, false)).hasStatus(HttpStatus.FOUND);
    assertThat(asksPreference(id)).isFalse();
    List<AuditRow> rows = world.auditBy(admin);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).newValues()).isEqualTo(Map.of("asks_preference", false));
  }

  @Test
  void shouldKeepThePreferenceQuestionInACopyOfThePlayground() {
    Person admin = world.admin("pref-copy");
    UUID source = world.fixtures.abPlayground(admin.id());
    assertThat(save(admin, source, true)).hasStatus(HttpStatus.FOUND);

    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/duplicate", source)
                .with(admin.signedIn())
                .with(csrf())
                .exchange())
        .hasStatus(HttpStatus.FOUND);

    UUID copy =
        world.playgroundsOf(admin).stream()
            .filter(p -> !p.equals(source))
            .findFirst()
            .orElseThrow();
    assertThat(asksPreference(copy)).isTrue();
  }

  @Test
  void shouldNeverAskThePreferenceInATuningPlayground() {
    Person admin = world.admin("pref-tuning");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);
    assertThat(page(edit(admin, id)).select("#asksPreference")).isEmpty();

    assertThat(save(admin, id, true)).hasStatus(HttpStatus.FOUND);

    assertThat(asksPreference(id)).isFalse();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldRefuseTheSettingWithoutTheCsrfTokenOrForAnotherAdmin() {
    Person admin = world.admin("pref-owner");
    Person other = world.admin("pref-other");
    UUID id = world.fixtures.abPlayground(admin.id());
    String version = version(admin, id);

    MvcTestResult forged =
        mvc.post()
            .uri("/manage/playgrounds/{id}/settings", id)
            .with(admin.signedIn())
            .param("version", version)
            .param("reservationMinutes", "30")
            .param("asksPreference", "true")
            .exchange();
    MvcTestResult notTheirs =
        mvc.post()
            .uri("/manage/playgrounds/{id}/settings", id)
            .with(other.signedIn())
            .with(csrf())
            .param("version", version)
            .param("reservationMinutes", "30")
            .param("asksPreference", "true")
            .exchange();

    assertThat(forged).hasStatus(HttpStatus.FORBIDDEN);
    assertThat(notTheirs).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(asksPreference(id)).isFalse();
  }

  private MvcTestResult save(Person admin, UUID id, boolean asks) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/settings", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", version(admin, id))
            .param("reservationMinutes", "30")
            .param("maxRounds", "")
            .param("_requireCall", "on")
            .param("_asksPreference", "on");
    return (asks ? request.param("asksPreference", "true") : request).exchange();
  }

  private MvcTestResult edit(Person admin, UUID id) {
    return mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
  }

  private String version(Person admin, UUID id) {
    return page(edit(admin, id)).select("#settings input[name=version]").val();
  }

  private String audit(Person admin) {
    return page(mvc.get().uri("/manage/audit").with(admin.signedIn()).exchange()).text();
  }

  private boolean asksPreference(UUID id) {
    return world
        .fixtures
        .jdbc()
        .sql("SELECT asks_preference FROM playgrounds WHERE id = ?")
        .param(id)
        .query(Boolean.class)
        .single();
  }

  private String name(UUID id) {
    return world.playground(id).name();
  }
}
