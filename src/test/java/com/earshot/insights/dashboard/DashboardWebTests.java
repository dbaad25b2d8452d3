package com.earshot.insights.dashboard;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.identity.Role;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The dashboard's numbers against data sets small enough to work out by hand (the expected values
 * in the comments were computed with scipy and a calculator, not with Earshot).
 */
@EarshotTest
class DashboardWebTests {

  static final LocalDateTime DAY_ONE = LocalDateTime.of(2026, 11, 20, 10, 0);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldShowEveryNumberOfAHandBuiltAbTest() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);
    UUID overall = fixtures.question(playground, null, "rating", null);
    UUID use = fixtures.selectQuestion(playground, null, "yes", "no");
    UUID comments = fixtures.question(playground, null, "input_string", null);
    fixtures.renameQuestion(overall, "Overall");
    fixtures.renameQuestion(use, "Would you use it?");
    int[] ratingsA = {2, 3, 3, 2, 4, 3};
    int[] ratingsB = {4, 5, 4, 5, 4, 5};
    String[] useA = {"yes", "yes", "no", "no", "no", "no"};
    String[] useB = {"yes", "yes", "yes", "yes", "yes", "no"};
    for (int n = 0; n < 6; n++) {
      int i = n;
      UUID tester = fixtures.tester("dash");
      LocalDateTime at = DAY_ONE.plusDays(i < 3 ? 0 : 1);
      // as in the app, the agent met second is answered after the first
      Runnable a =
          () ->
              fixtures.submittedSession(
                  playground,
                  tester,
                  "model_a",
                  1,
                  i < 3 ? 1 : 2,
                  1,
                  at.plusMinutes(i < 3 ? 0 : 10),
                  overall,
                  ratingsA[i],
                  use,
                  choice(useA[i]),
                  comments,
                  "A says " + i);
      Runnable b =
          () ->
              fixtures.submittedSession(
                  playground,
                  tester,
                  "model_b",
                  1,
                  i < 3 ? 2 : 1,
                  1,
                  at.plusMinutes(i < 3 ? 10 : 0),
                  overall,
                  ratingsB[i],
                  use,
                  choice(useB[i]));
      (i < 3 ? a : b).run();
      (i < 3 ? b : a).run();
    }
    fixtures.unsubmittedSession(playground, fixtures.tester("gone"), "model_a", "expired", -10);
    fixtures.unsubmittedSession(playground, fixtures.tester("busy"), "model_b", "assigned", 20);

    Document page = dashboard(admin, playground);

    assertThat(metric(page, "testers")).isEqualTo("6");
    assertThat(metric(page, "submitted")).isEqualTo("12");
    assertThat(page.text()).contains("30 answers"); // 12 ratings + 12 choices + 6 texts
    assertThat(metric(page, "drop-out")).isEqualTo("7.7%"); // 1 of 13 ended sessions
    assertThat(page.text()).contains("1 given an agent and never submitted; 1 in progress");
    assertThat(metric(page, "progress-model_a")).isEqualTo("6 of 50");
    assertThat(metric(page, "last-activity")).isEqualTo("2026-11-21 10:10 UTC");
    Element listed =
        parse(request(admin, Role.ADMIN, "/manage/playgrounds"))
            .selectFirst("tr[data-playground=" + playground + "]");
    assertThat(List.of("testers", "submitted", "drop-out"))
        .as("the playground list shows the dashboard's numbers")
        .map(name -> listed.selectFirst("[data-metric=" + name + "]").text())
        .containsExactly("6", "12", "7.7%");

    Element rating = page.selectFirst("article[data-question=" + overall + "]");
    assertThat(cell(rating, "model_a", "n")).isEqualTo("6");
    assertThat(cell(rating, "model_a", "mean")).isEqualTo("2.83");
    // the interval is BoundedMean's from the tallies (checked against Jeffreys' and by coverage in
    // BoundedMeanTests); Student's t would give 2.04 – 3.62 for A and reach 5.07 for B
    assertThat(cell(rating, "model_a", "interval")).isEqualTo(Intervals.of(2, 3, 3, 2, 4, 3));
    assertThat(cell(rating, "model_b", "mean")).isEqualTo("4.50");
    assertThat(cell(rating, "model_b", "interval")).isEqualTo(Intervals.of(4, 5, 4, 5, 4, 5));
    assertThat(page.selectFirst("#interval-note").text()).contains("never leaves the scale");
    // every tester rated both: Wilcoxon on the differences 2 2 1 3 0 2 → exact p = 0.0625
    assertThat(rating.selectFirst(".verdict").text())
        .startsWith("No clear difference in ratings")
        .contains("about 6 times in 100 (about 13 times in 100 once corrected for the 2 tests)");
    assertThat(rating.text()).contains("Wilcoxon signed-rank test on 6 pairs", "p = 0.063");
    // Holm over the two tests between the agents, 0.0625 and 0.2424: 2 × 0.0625 = 0.125, then
    // max(0.125, 0.2424) (R: p.adjust(c(0.0625, 0.2424), "holm") = 0.1250 0.2424)
    assertThat(rating.text()).contains("Corrected for 2 secondary tests (Holm): p = 0.125.");
    assertThat(rating.text()).contains("Order:");

    Element choice = page.selectFirst("article[data-question=" + use + "]");
    assertThat(share(choice, "yes", "model_a")).isEqualTo("2 (33.33%)");
    assertThat(share(choice, "no", "model_a")).isEqualTo("4 (66.67%)");
    assertThat(share(choice, "yes", "model_b")).isEqualTo("5 (83.33%)");
    assertThat(share(choice, "no", "model_b")).isEqualTo("1 (16.67%)");
    // expected counts of 2.5 < 5: Fisher's exact test, p = 0.2424 (scipy.stats.fisher_exact)
    assertThat(choice.selectFirst(".verdict").text())
        .startsWith("No clear difference")
        .contains("about 24 times in 100 (about 24 times in 100 once corrected for the 2 tests)");
    assertThat(choice.text()).contains("Fisher's exact test on 6 answers for A and 6 for B");
    assertThat(choice.text()).contains("Corrected for 2 secondary tests (Holm): p = 0.242.");
    assertThat(choice.select("svg.chart rect")).hasSize(4);

    assertThat(page.text()).contains("A: 6 · B: 0");
    Element activity = page.selectFirst("#activity-title").parent();
    assertThat(activity.select("tbody tr")).hasSize(2);
    assertThat(activity.select("tbody tr").get(0).text()).isEqualTo("2026-11-20 3 3");
  }

  @Test
  void shouldDrawAQuestionAskedOnlyOfBInBsStyleAsEveryOtherChartDoes() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);
    UUID shared = fixtures.question(playground, null, "rating", null);
    UUID onlyB = fixtures.question(playground, "model_b", "rating", null);
    for (int i = 0; i < 3; i++) {
      UUID tester = fixtures.tester("dash");
      fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, DAY_ONE, shared, 3);
      fixtures.submittedSession(
          playground, tester, "model_b", 1, 2, 1, DAY_ONE, shared, 4, onlyB, 2 + i);
    }

    Document page = dashboard(admin, playground);

    Element bOnly = page.selectFirst("article[data-question=" + onlyB + "]");
    assertThat(bOnly.select("svg.chart rect[class^=model-]").eachAttr("class"))
        .isNotEmpty()
        .containsOnly("model-b");
    Element both = page.selectFirst("article[data-question=" + shared + "]");
    assertThat(both.select("svg.chart rect[class^=model-]").eachAttr("class"))
        .containsOnly("model-a", "model-b");
    assertThat(page.select("[data-legend=activity] rect").eachAttr("class"))
        .containsExactly("model-a", "model-b");
  }

  @Test
  void shouldNameTheWinnerOnlyWhenTheDifferenceIsReal() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);
    UUID overall = fixtures.question(playground, null, "rating", null);
    for (int i = 0; i < 40; i++) {
      UUID tester = fixtures.tester("dash");
      fixtures.submittedSession(
          playground, tester, "model_a", 1, 1 + i % 2, 1, DAY_ONE, overall, 2 + i % 2);
      fixtures.submittedSession(
          playground, tester, "model_b", 1, 2 - i % 2, 1, DAY_ONE, overall, 4 + i % 2);
    }

    Element rating =
        dashboard(admin, playground).selectFirst("article[data-question=" + overall + "]");

    // 40 pairs, every one B higher by 2: Wilcoxon p far below 1 in 1,000
    assertThat(rating.selectFirst(".verdict").text())
        .isEqualTo(
            "B (Model model_b) is rated higher: 4.50 against 2.50 on average. A difference this"
                + " large would arise by chance less than once in 1,000.");
    assertThat(rating.selectFirst(".verdict").hasClass("verdict-real")).isTrue();
  }

  @Test
  void shouldFollowATuningPlaygroundVersionByVersion() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.playground(admin, "tuning", true, null);
    UUID overall = fixtures.question(playground, null, "rating", null);
    UUID tester = fixtures.tester("tuner");
    for (int i = 0; i < 20; i++) {
      fixtures.submittedSession(
          playground, tester, "model_a", 1, 1, 1, DAY_ONE, overall, 2 + i % 2);
      fixtures.submittedSession(
          playground, tester, "model_a", 1, 1, 2, DAY_ONE.plusDays(2), overall, 4 + i % 2);
    }

    Document page = dashboard(admin, playground);

    Element versions = page.selectFirst("table[data-table=versions]");
    assertThat(versions.selectFirst("tr[data-version=1]").text())
        .isEqualTo("1 2026-11-20 20 2.50 (" + Intervals.alternating(20, 2) + ")");
    assertThat(versions.selectFirst("tr[data-version=2]").text())
        .isEqualTo("2 2026-11-22 20 4.50 (" + Intervals.alternating(20, 4) + ")");
    assertThat(page.text())
        .contains("version 2 is rated higher than version 1")
        .contains("Mann-Whitney U test on 20 ratings of version 1 and 20 of version 2");
    assertThat(page.select(".verdict").eachText())
        .noneMatch(verdict -> verdict.contains("Wilcoxon"));
  }

  @Test
  void shouldSaySoWhenNothingWasEvaluatedYet() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);

    fixtures.question(playground, null, "rating", null);

    Document page = dashboard(admin, playground);

    assertThat(page.text()).contains("No evaluations yet.");
    assertThat(metric(page, "drop-out")).isEqualTo("—");
    // the summary claims no check it could not make: nothing was there to compare
    List<String> summary = page.select("#study-lead ul.study-summary li").eachText();
    assertThat(summary)
        .contains(
            "Too few answers from both agents yet to compare them or to check the order.",
            "No sessions yet to check the sample ratio.")
        .doesNotContain("No order effect.", "No sample-ratio mismatch.");
  }

  @Test
  void shouldCountPerModelTheSessionsGivenBackTheProblemsReportedAndTheWidgetFailures() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);
    UUID failed = trouble(playground, "model_a", "given_back", "widget_failed", "not_found", null);
    trouble(playground, "model_a", "given_back", "tester_choice", null, null);
    UUID dropped = trouble(playground, "model_b", "submitted", null, null, "call_dropped");
    trouble(playground, "model_b", "assigned", null, "not_rendered", "other");
    trouble(playground, "model_b", "assigned", null, null, null);

    Document page = dashboard(admin, playground);

    assertThat(metric(page, "given-back-model_a")).isEqualTo("2");
    assertThat(metric(page, "problems-model_a")).isEqualTo("0");
    assertThat(metric(page, "widget-failures-model_a")).isEqualTo("1");
    assertThat(metric(page, "given-back-model_b")).isEqualTo("0");
    assertThat(metric(page, "problems-model_b")).isEqualTo("2");
    assertThat(metric(page, "widget-failures-model_b")).isEqualTo("1");
    assertThat(page.select(".trouble").eachText())
        .containsExactly(
            "2 given back · 0 problems reported · 1 widget failure Check its widget",
            "0 given back · 2 problems reported · 1 widget failure Check its widget");
    assertThat(page.select(".trouble a").first().attr("href"))
        .isEqualTo("/manage/playgrounds/" + playground + "/preview?model=model_a");

    // The session itself says what happened, in the tester's words.
    Document session =
        parse(
            request(
                admin, Role.ADMIN, "/manage/playgrounds/" + playground + "/sessions/" + dropped));
    assertThat(session.select("#session-facts").text())
        .contains("Problem reported The call dropped or would not connect It hung up.")
        .contains("ElevenLabs user id");
    assertThat(
            parse(
                    request(
                        admin,
                        Role.ADMIN,
                        "/manage/playgrounds/" + playground + "/sessions/" + failed))
                .select("#session-facts")
                .text())
        .contains(
            "Status Given back: the widget would not load",
            "Widget Did not load on the tester's page (not_found)");
  }

  /** A session of {@code status} with what went wrong in it (null: nothing of that). */
  private UUID trouble(
      UUID playground,
      String model,
      String status,
      String givenBack,
      String widgetFailure,
      String problem) {
    return fixtures
        .jdbc()
        .sql(
            """
            INSERT INTO evaluation_sessions (playground_id, user_id, model_key, status,
                configuration_version, expires_at, submitted_at, given_back_at, given_back_reason,
                widget_failed_at, widget_failure, problem_reported_at, problem_reason,
                problem_details)
            VALUES (?, ?, ?, ?::evaluation_session_status, 1, now() + interval '30 minutes',
                    CASE WHEN ? = 'submitted' THEN now() END,
                    CASE WHEN ?::text IS NOT NULL THEN now() END, ?,
                    CASE WHEN ?::text IS NOT NULL THEN now() END, ?,
                    CASE WHEN ?::text IS NOT NULL THEN now() END, ?,
                    CASE WHEN ?::text IS NOT NULL THEN 'It hung up.' END)
            RETURNING id
            """)
        .params(
            playground,
            fixtures.tester("troubled"),
            model,
            status,
            status,
            givenBack,
            givenBack,
            widgetFailure,
            widgetFailure,
            problem,
            problem,
            problem)
        .query(UUID.class)
        .single();
  }

  @Test
  void shouldNotShowADashboardToAnyoneButItsAdmin() {
    UUID admin = fixtures.admin("dash");
    UUID playground = fixtures.abPlayground(admin);
    UUID tester = fixtures.tester("dash");
    UUID overall = fixtures.question(playground, null, "rating", null);
    fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, DAY_ONE, overall, 3);

    for (MvcTestResult result :
        List.of(
            get(fixtures.admin("other"), Role.ADMIN, playground.toString()),
            get(tester, Role.TESTER, playground.toString()),
            get(admin, Role.ADMIN, "not-a-uuid"),
            get(admin, Role.ADMIN, UUID.randomUUID().toString()))) {
      assertThat(result).hasStatus(HttpStatus.NOT_FOUND);
      assertThat(result).bodyText().doesNotContain("Playground ");
    }
  }

  private Document dashboard(UUID admin, UUID playground) {
    return parse(get(admin, Role.ADMIN, playground.toString()));
  }

  private static Document parse(MvcTestResult result) {
    assertThat(result).hasStatusOk();
    return Pages.page(result);
  }

  private MvcTestResult get(UUID user, Role role, String playground) {
    return request(user, role, "/manage/playgrounds/" + playground + "/insights");
  }

  private MvcTestResult request(UUID user, Role role, String uri) {
    return mvc.get().uri(uri).with(fixtures.person(user, role).signedIn()).exchange();
  }

  private static String metric(Document page, String name) {
    return page.selectFirst("[data-metric=" + name + "]").text();
  }

  private static String cell(Element article, String model, String cell) {
    return article.selectFirst("tr[data-model=" + model + "] td[data-cell=" + cell + "]").text();
  }

  private static String share(Element article, String value, String model) {
    return article.selectFirst("tr[data-value=" + value + "] td[data-model=" + model + "]").text();
  }
}
