package com.earshot.playground;

import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Manage › Audit: an admin reads what they did and what was done to their playgrounds. */
@EarshotTest
class AuditPageTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  Person admin;
  UUID playground;
  String oldName;

  /** Three changes through the app: a rename, a deactivation and a new question. */
  @BeforeEach
  void history() {
    admin = world.admin("auditor");
    playground = world.fixtures.abPlayground(admin.id());
    oldName = world.playground(playground).name();
    String version =
        page(mvc.get()
                .uri("/manage/playgrounds/{id}", playground)
                .with(admin.signedIn())
                .exchange())
            .select("#details input[name=version]")
            .val();
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/details", playground)
                .with(admin.signedIn())
                .with(csrf())
                .param("version", version)
                .param("name", "Renamed <b>for</b> round 2")
                .exchange())
        .hasStatus(HttpStatus.FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/pause", playground)
                .with(admin.signedIn())
                .with(csrf())
                .exchange())
        .hasStatus(HttpStatus.FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/questions", playground)
                .with(admin.signedIn())
                .with(csrf())
                .params(QuestionsWebTests.form("Rate the voice", "rating", "model_b", true))
                .exchange())
        .hasStatus(HttpStatus.FOUND);
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("playground.update", "playground.pause", "question.create");
  }

  @Test
  void shouldShowTheAdminsOwnEntriesNewestFirstWithOldAndNewReadable() {
    MvcTestResult result = audit("");

    assertThat(result).hasStatusOk();
    Document page = page(result);
    assertThat(page.select("main p.small").text()).isEqualTo("3 entries");
    List<Element> rows = page.select("tbody tr");
    assertThat(rows)
        .extracting(row -> row.select("code").text())
        .containsExactly("question.create", "playground.pause", "playground.update");
    Element rename = rows.get(2);
    assertThat(rename.select(".audit-sentence").text())
        .isEqualTo(
            admin.email() + " changed the name of “Renamed <b>for</b> round 2” playground.update");
    assertThat(rename.select(".audit-sentence a").text()).isEqualTo("“Renamed <b>for</b> round 2”");
    assertThat(rename.select("a").attr("href")).isEqualTo("/manage/playgrounds/" + playground);
    assertThat(rename.select("li").eachText())
        .containsExactly("name: " + oldName + " → Renamed <b>for</b> round 2");
    assertThat(rename.select("b")).isEmpty();
    assertThat(rename.select("td").get(3).text()).isEqualTo("127.0.0.1");
    assertThat(rows.get(1).select(".audit-sentence").text())
        .isEqualTo(admin.email() + " paused “Renamed <b>for</b> round 2” playground.pause");
    assertThat(rows.get(0).select(".audit-sentence").text())
        .isEqualTo(
            admin.email()
                + " added the question “Rate the voice” on “Renamed <b>for</b> round 2”"
                + " question.create");
    assertThat(rows.get(0).select(".audit-sentence a").eachAttr("href"))
        .containsExactly(
            "/manage/playgrounds/" + playground + "#questions",
            "/manage/playgrounds/" + playground);
    assertThat(rows.get(1).select("li").eachText())
        .containsExactlyInAnyOrder("status: live → paused", "is_active: true → false");
    assertThat(rows.get(0).select("li").eachText())
        .contains("question_text: Rate the voice", "model_key: model_b", "question_type: rating");
  }

  @Test
  void shouldFilterByActionAndResource() {
    Document byAction = page(audit("action=playground.pause"));
    assertThat(byAction.select("tbody tr code").eachText()).containsExactly("playground.pause");
    assertThat(byAction.select("#action option[selected]").val()).isEqualTo("playground.pause");

    Document byResource = page(audit("resource=question"));
    assertThat(byResource.select("tbody tr code").eachText()).containsExactly("question.create");

    Document both = page(audit("action=question.create&resource=playground"));
    assertThat(both.select("tbody tr").text()).isEqualTo("Nothing matches.");

    Document unknown = page(audit("action=" + "x".repeat(400) + "&resource=%3Cscript%3E"));
    assertThat(unknown.select("tbody tr").text()).isEqualTo("Nothing matches.");
  }

  @Test
  void shouldFilterByDateInclusively() {
    LocalDate day = world.auditTimesOf(admin).get(0).toLocalDate();

    assertThat(page(audit("from=" + day + "&to=" + day)).select("tbody tr code")).hasSize(3);
    assertThat(page(audit("from=" + day)).select("tbody tr code")).hasSize(3);
    assertThat(page(audit("to=" + day)).select("tbody tr code")).hasSize(3);
    assertThat(page(audit("from=" + day.plusDays(1))).select("tbody tr").text())
        .isEqualTo("Nothing matches.");
    assertThat(page(audit("to=" + day.minusDays(1))).select("tbody tr").text())
        .isEqualTo("Nothing matches.");
    assertThat(
            page(audit("from=" + day.plusDays(1) + "&to=" + day.minusDays(1)))
                .select("tbody tr")
                .text())
        .isEqualTo("Nothing matches.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "from=yesterday",
        "to=2026-13-01",
        "from=2026-02-30",
        "from=25.11.2026",
        "to=<script>alert(1)</script>"
      })
  void shouldAnswerAnUnreadableDateWith400AndAMessage(String query) {
    MvcTestResult result = audit(query);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(page.select(".alert-danger").text()).isEqualTo("Dates are written like 2026-11-25.");
    String typed = query.substring(query.indexOf('=') + 1);
    assertThat(page.select("input[name=" + query.substring(0, query.indexOf('=')) + "]").val())
        .isEqualTo(typed);
    assertThat(page.select("body script:not([src])")).isEmpty();
    assertThat(page.select("tbody tr code")).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "from=-999999999-01-01",
        "to=+999999999-12-31",
        "from=+5874897-12-31",
        "to=+5874897-12-31",
        "from=-4714-01-01",
        "from=0000-01-01&to=0001-01-01"
      })
  void shouldAnswerADateFarOutOfRangeWithAMessageNotAnError(String query) {
    MvcTestResult result = audit(query);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(result).select(".alert-danger").text())
        .isEqualTo("Dates are written like 2026-11-25.");
    assertThat(page(result).select("tbody tr code")).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-5", "0", "99999999999999999999", "2147483647", "1.5", "%20"})
  void shouldShowAPageForAnyPageNumber(String number) {
    MvcTestResult result = audit("page=" + number);

    assertThat(result).hasStatusOk();
    assertThat(page(result).select("tbody tr code")).hasSize(3);
  }

  @Test
  void shouldPageThroughMoreThanFiftyEntries() {
    for (int i = 0; i < 26; i++) {
      for (String closesAt : List.of("2099-01-01T10:00", "")) {
        mvc.post()
            .uri("/manage/playgrounds/{id}/closing-date", playground)
            .with(admin.signedIn())
            .with(csrf())
            .param("closesAt", closesAt)
            .exchange();
      }
    }
    assertThat(world.auditBy(admin)).hasSize(55);

    Document first = page(audit(""));
    Document second = page(audit("page=2"));
    Document beyond = page(audit("page=3"));

    assertThat(first.select("tbody tr")).hasSize(50);
    assertThat(first.select(".pagination [aria-current]").text()).isEqualTo("1 of 2");
    assertThat(second.select("tbody tr")).hasSize(5);
    assertThat(second.select("tbody tr code").eachText())
        .endsWith("playground.pause", "playground.update");
    assertThat(beyond.select(".pagination [aria-current]").text()).isEqualTo("2 of 2");
    assertThat(first.select(".pagination a").eachAttr("href"))
        .contains("/manage/audit?action=&resource=&from=&to=&page=2");
  }

  @Test
  void shouldNotShowOneAdminsEntriesToAnother() {
    Person other = world.admin("other-auditor");

    MvcTestResult result = mvc.get().uri("/manage/audit").with(other.signedIn()).exchange();

    assertThat(result).hasStatusOk();
    String html = body(result);
    assertThat(html)
        .doesNotContain(admin.email())
        .doesNotContain(playground.toString())
        .doesNotContain(oldName)
        .doesNotContain("Renamed");
    assertThat(page(result).select("tbody tr").text()).isEqualTo("Nothing matches.");
    assertThat(page(audit("")).select("tbody tr")).hasSize(3);
  }

  @Test
  void shouldShowTheOwnerWhatAnotherAdminDidToTheirPlaygroundButNotTheReverse() {
    Person colleague = world.admin("colleague");
    // a row about the owner's playground, written by someone else (as a future shared-editing
    // feature, or a security event, would)
    world
        .db
        .sql(
            """
            INSERT INTO audit_log (user_id, action, resource_type, resource_id, playground_id,
                                   new_values)
            VALUES (?, 'playground.export', 'playground', ?, ?, '{"format": "csv"}')
            """)
        .params(colleague.id(), playground, playground)
        .update();

    assertThat(page(audit("action=playground.export")).select("tbody tr li").eachText())
        .containsExactly("format: csv");
    assertThat(
            page(mvc.get().uri("/manage/audit").with(colleague.signedIn()).exchange())
                .select("tbody tr code")
                .eachText())
        .containsExactly("playground.export");
  }

  @Test
  void shouldShowRefusalsOfAMinuteAsOneRowWithHowManyThereWere() {
    Person colleague = world.admin("colleague");
    UUID theirs = world.fixtures.abPlayground(colleague.id());
    for (int i = 0; i < 3; i++) {
      assertThat(
              mvc.get().uri("/manage/playgrounds/{id}", theirs).with(admin.signedIn()).exchange())
          .hasStatus(HttpStatus.NOT_FOUND);
    }

    List<Element> rows = page(audit("action=security.access_denied")).select("tbody tr");

    assertThat(rows).as("one row a minute").hasSizeBetween(1, 2);
    int shown =
        rows.stream()
            .mapToInt(
                row ->
                    row.select(".badge").isEmpty()
                        ? 1
                        : Integer.parseInt(row.select(".badge").text().replace("×", "")))
            .sum();
    assertThat(shown).as("the times shown add up to every refusal").isEqualTo(3);
    assertThat(rows.get(rows.size() - 1).select("li").eachText())
        .containsExactly("method: GET", "path: /manage/playgrounds/" + theirs);
    assertThat(rows.get(0).select("td").get(3).text()).isEqualTo("127.0.0.1");
  }

  private MvcTestResult audit(String query) {
    return mvc.get()
        .uri("/manage/audit" + (query.isEmpty() ? "" : "?" + query))
        .with(admin.signedIn())
        .exchange();
  }

  @Test
  void shouldSayWhichModelsLimitChangedAndLinkTheModel() {
    Document editor =
        page(
            mvc.get()
                .uri("/manage/playgrounds/{id}", playground)
                .with(admin.signedIn())
                .exchange());
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/models/model_b", playground)
                .with(admin.signedIn())
                .with(csrf())
                .param("version", editor.select("#model-model_b input[name=version]").val())
                .param("name", editor.select("#model_b-name").val())
                .param("embedCode", editor.select("#model_b-embedCode").text())
                .param("maxEvaluations", "77")
                .exchange())
        .hasStatus(HttpStatus.FOUND);

    Element row = page(audit("action=model.update")).select("tbody tr").first();
    assertThat(row.select(".audit-sentence").text())
        .isEqualTo(
            admin.email()
                + " changed the limit of Model B on “Renamed <b>for</b> round 2” model.update");
    assertThat(row.select(".audit-sentence a").eachAttr("href"))
        .containsExactly(
            "/manage/playgrounds/" + playground + "#model-model_b",
            "/manage/playgrounds/" + playground);
  }

  @Test
  void shouldNameADeletedPlaygroundWithoutLinkingToIt() {
    UUID doomed = world.fixtures.abPlayground(admin.id());
    String name = world.playground(doomed).name();
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/delete", doomed)
                .with(admin.signedIn())
                .with(csrf())
                .exchange())
        .hasStatus(HttpStatus.FOUND);

    Element row = page(audit("action=playground.delete")).select("tbody tr").first();
    assertThat(row.select(".audit-sentence").text())
        .isEqualTo(
            admin.email() + " deleted the playground “" + name + "” (deleted) playground.delete");
    assertThat(row.select("a")).isEmpty();
  }

  @Test
  void shouldWriteEachTimeForTheViewersTimeZoneWithUtcOnHover() {
    Element time = page(audit("")).select("tbody tr time").first();
    LocalDateTime at = world.auditTimesOf(admin).get(0);
    String utc = at.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    assertThat(time.hasClass("local-time")).isTrue();
    assertThat(time.attr("datetime"))
        .isEqualTo(
            at.truncatedTo(ChronoUnit.SECONDS).toLocalDate() + "T" + utc.substring(11) + "Z");
    assertThat(time.attr("title")).isEqualTo(utc + " UTC");
    assertThat(time.text()).isEqualTo(utc + " UTC");
  }
}
