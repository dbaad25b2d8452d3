package com.earshot.insights.sessions;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The sessions list, a session's page and the open responses name each session's model as its
 * configuration version named it, not as it is named now (issue 15 §7).
 */
@EarshotTest
class VersionNamesWebTests {

  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 25, 10, 5);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldNameEachTuningSessionAsItsVersionWasNamed() {
    Person owner = fixtures.adminPerson("names-owner");
    UUID playground = fixtures.playground(owner.id(), "tuning", true, null);
    UUID why = fixtures.question(playground, null, "input_string", null);
    UUID old =
        fixtures.submittedSession(
            playground, fixtures.tester("t"), "model_a", 1, 1, 1, AT, why, "slow");
    rename(playground, "model_a", "Warm v2");
    fixtures.submittedSession(
        playground, fixtures.tester("t"), "model_a", 1, 1, 2, AT.plusHours(1), why, "quick");

    Document list = get(owner, "/manage/playgrounds/" + playground + "/sessions");
    assertThat(list.select("tr.session-row .session-version").eachText())
        .containsExactly("2 · Warm v2", "1 · Model model_a");
    Document session = get(owner, "/manage/playgrounds/" + playground + "/sessions/" + old);
    assertThat(session.text()).contains("The model · Model model_a").doesNotContain("Warm v2");
    Document responses = get(owner, "/manage/playgrounds/" + playground + "/responses");
    assertThat(responses.select(".response .response-version").eachText())
        .containsExactly("The model · Warm v2", "The model · Model model_a");
  }

  @Test
  void shouldNameEachAbSessionsModelAsItsVersionWasNamed() {
    Person owner = fixtures.adminPerson("names-ab");
    UUID playground = fixtures.abPlayground(owner.id());
    fixtures.submittedSession(playground, fixtures.tester("t"), "model_b", 1, 1, 1, AT);
    rename(playground, "model_b", "Crisp v2");
    fixtures.submittedSession(
        playground, fixtures.tester("t"), "model_b", 1, 1, 2, AT.plusHours(1));

    Document list = get(owner, "/manage/playgrounds/" + playground + "/sessions");
    assertThat(list.select("tr.session-row .session-model").eachText())
        .containsExactly("Model B · Crisp v2", "Model B · Model model_b");
  }

  /** A new name that starts the next version, as the A/B editor (and New version) do. */
  private void rename(UUID playground, String key, String name) {
    fixtures
        .jdbc()
        .sql(
            """
            UPDATE model_configurations SET model_name = ?, configuration_version = configuration_version + 1
            WHERE playground_id = ? AND model_key = ?
            """)
        .params(name, playground, key)
        .update();
  }

  private Document get(Person user, String uri) {
    var result = mvc.get().uri(uri).with(user.signedIn()).exchange();
    assertThat(result).hasStatusOk();
    return page(result);
  }
}
