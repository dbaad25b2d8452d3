package com.earshot.insights.dashboard;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The top of an A/B test's Insights: the summary in words, the plan, the primary measure judged by
 * the confidence sequence, the secondary tests corrected for their number, and the sample-ratio
 * check. Expected numbers are worked out by hand in the comments.
 */
@EarshotTest
class StudyLeadWebTests {

  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 30, 9, 0);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  record Study(UUID admin, UUID playground, UUID rating, UUID choice) {}

  /** {@code testers} testers, each meeting A and B (A first for half): A rated 2 or 3, B 4 or 5. */
  private Study study(int testers) {
    UUID admin = fixtures.admin("lead");
    UUID playground = fixtures.abPlayground(admin);
    UUID rating = fixtures.question(playground, null, "rating", null);
    UUID choice = fixtures.selectQuestion(playground, null, "yes", "no");
    fixtures.renameQuestion(rating, "Overall");
    for (int i = 0; i < testers; i++) {
      UUID tester = fixtures.tester("lead");
      boolean aFirst = i % 2 == 0;
      String answer = i % 3 == 0 ? "yes" : "no";
      fixtures.submittedSession(
          playground,
          tester,
          "model_a",
          1,
          aFirst ? 1 : 2,
          1,
          DAY.plusMinutes(2L * i + (aFirst ? 0 : 1)),
          rating,
          2 + i % 2,
          choice,
          choice(answer));
      fixtures.submittedSession(
          playground,
          tester,
          "model_b",
          1,
          aFirst ? 2 : 1,
          1,
          DAY.plusMinutes(2L * i + (aFirst ? 1 : 0)),
          rating,
          4 + i % 2,
          choice,
          choice(answer));
    }
    return new Study(admin, playground, rating, choice);
  }

  @Test
  void shouldLeadWithThePrimaryQuestionDecidedByTheConfidenceSequenceAndCorrectTheRest() {
    Study s = study(30);
    plan(s, s.rating().toString(), "30");

    Document page = dashboard(s);

    Element primary = page.getElementById("primary");
    // A: 15 × 2, 15 × 3 (mean 2.5, variance 7.5 / 29); B: 15 × 4, 15 × 5 (4.5, the same).
    // se = √(2 × 0.258621 / 30) = 0.131306 on n = 60, tuned to 60: ρ² = (5.991465 +
    // ln 6.991465) / 60 = 0.132269, nρ² = 7.936156; half-width = se·√n · √(2(nρ²+1)·
    // ln(√(nρ²+1)/0.05) / (nρ)²) = 1.017092 × 0.391845 = 0.39854 (GrowthBook's
    // sequential_interval_halfwidth, by hand)
    assertThat(primary.selectFirst(".verdict").text())
        .isEqualTo(
            "B (Model model_b) is rated higher on the primary question “Overall” (4.50 for B against"
                + " 2.50 for A; B − A = 2.00, always-valid 95% interval 1.60 to 2.40).");
    assertThat(primary.text()).contains("tuned to 60 ratings in all");
    // the question's own card says the same, the fixed-sample test kept as information
    Element card = page.getElementById("question-" + s.rating());
    assertThat(card.selectFirst(".verdict").text())
        .isEqualTo(primary.selectFirst(".verdict").text());
    assertThat(card.text()).contains("The fixed-sample test, valid only when read once:");
    // the choice is the only secondary test: corrected for one, it stands as it is
    Element choice = page.getElementById("question-" + s.choice());
    assertThat(choice.text()).doesNotContain("Corrected for");
    assertThat(summary(page))
        .startsWith(
            "The plan is reached: 30 testers per agent (planned 30). B (Model model_b) is rated higher")
        .contains("0 of 1 secondary questions differ after correction for their number.")
        .contains("No order effect.", "No sample-ratio mismatch.");
    assertThat(page.select("#study-lead li a").eachAttr("href"))
        .contains("#plan", "#question-" + s.rating(), "#results", "#sample-ratio", "#left-out");
  }

  @Test
  void shouldCallResultsInterimBeforeThePlanAndNameNoWinnerTheSequenceCannotSupport() {
    Study s = study(4);
    plan(s, s.rating().toString(), "100");

    Document page = dashboard(s);

    // the sequence, tuned to 200 ratings and read at 8, is far wider than the difference of 2 and
    // holds 0
    assertThat(page.getElementById("primary").selectFirst(".verdict").text())
        .startsWith(
            "No winner yet on the primary question “Overall” (4.50 for B against 2.50 for A")
        .endsWith("which holds 0).");
    // the primary question's card says the same
    assertThat(page.getElementById("question-" + s.rating()).selectFirst(".verdict").text())
        .startsWith("No winner yet");
    assertThat(summary(page)).startsWith("Interim: 4 of the 100 planned testers per agent so far.");
  }

  @Test
  void shouldSayWhatIsMissingWithoutAPlanAndCorrectEveryTestForAllOfThem() {
    Study s = study(6);

    Document page = dashboard(s);

    assertThat(page.getElementById("primary")).isNull();
    assertThat(summary(page))
        .startsWith("No planned size: every result is interim.")
        .contains("No primary measure: no single test decides the study")
        .contains("of 2 questions")
        .contains("No sessions left out.");
    assertThat(page.getElementById("question-" + s.rating()).text())
        .contains("Corrected for 2 secondary tests (Holm)");
  }

  @Test
  void shouldWarnWhenTestersLeaveOneAgentMoreOftenThanChanceAllows() {
    Study s = study(40);
    for (int i = 0; i < 30; i++) {
      fixtures.unsubmittedSession(
          s.playground(), fixtures.tester("gone"), "model_b", "expired", -10);
    }

    Document page = dashboard(s);

    // submitted 40 and 40, given up 0 and 30: chi-square 2×2 far below 0.001
    Element ratio = page.getElementById("sample-ratio");
    assertThat(ratio.selectFirst("p").text())
        .isEqualTo(
            "Testers leave agent B more often than chance allows: look before trusting these"
                + " results.");
    assertThat(ratio.text()).contains("given up: 0 A, 30 B");
    assertThat(page.select("#study-lead li.text-danger").text())
        .isEqualTo(
            "Testers leave agent B more often than chance allows: look before trusting these"
                + " results.");
  }

  @Test
  void shouldReadTheHeadToHeadPreferenceAsThePrimaryMeasure() {
    Study s = study(40);
    fixtures
        .jdbc()
        .sql("UPDATE playgrounds SET asks_preference = true WHERE id = ?")
        .param(s.playground())
        .update();
    // 28 for B, 8 for A, 3 both equally good, 1 both bad; A was met first by the even testers
    java.util.List<UUID> testers =
        fixtures
            .jdbc()
            .sql(
                "SELECT user_id FROM evaluation_sessions WHERE playground_id = ? AND model_key ="
                    + " 'model_a' ORDER BY submitted_at")
            .param(s.playground())
            .query(UUID.class)
            .list();
    for (int i = 0; i < 40; i++) {
      boolean aFirst = i % 2 == 0;
      String model = i < 28 ? "model_b" : i < 36 ? "model_a" : null;
      String verdict =
          model == null
              ? (i < 39 ? "both_good" : "both_bad")
              : (model.equals("model_a") == aFirst ? "first" : "second");
      fixtures
          .jdbc()
          .sql(
              "INSERT INTO preferences (playground_id, user_id, round_number, verdict,"
                  + " preferred_model_key, first_model_key) VALUES (?, ?, 1, ?, ?, ?)")
          .params(s.playground(), testers.get(i), verdict, model, aFirst ? "model_a" : "model_b")
          .update();
    }
    plan(s, "preference", "40");

    Document page = dashboard(s);

    Element preference = page.getElementById("preference");
    // scipy 1.17: binomtest(28, 36).pvalue = 0.0011932; its proportion_ci(method="wilson") =
    // (0.61915, 0.88284)
    assertThat(preference.selectFirst(".verdict").text())
        .isEqualTo(
            "Agent B is preferred by 78% (95% interval 62%–88%) of the 36 testers who chose one."
                + " 3 found both equally good, 1 both bad.");
    assertThat(preference.text())
        .contains(
            "Exact binomial test of 28 votes for B among 36 decisive votes against one half, p = 0.001")
        // first-met chosen 14 (B) + 4 (A) = 18 times, second-met 18: binomtest(18, 36) = 1
        .contains("The agent met first was chosen 18 times, the one met second 18 times")
        .contains("no sign that the order swayed the choice");
    assertThat(preference.select("tr[data-vote] td").eachText())
        .containsExactly("8", "28", "3", "1");
    // the sequence on 36 votes tuned to 40: 0.7778 ± 0.2531 (se 0.5/√36, GrowthBook's half-width
    // by hand) = 52% to 103%, cut at 100%
    assertThat(page.getElementById("primary").selectFirst(".verdict").text())
        .isEqualTo(
            "B wins the primary measure, the head-to-head preference (B chosen in 78% of 36"
                + " decisive votes, always-valid 95% interval 52% to 100%).");
    assertThat(summary(page)).contains("Agent B is preferred by 78%", "B wins the primary measure");
    // both questions are secondary now: corrected for the two
    assertThat(page.getElementById("question-" + s.rating()).text())
        .contains("Corrected for 2 secondary tests (Holm)");
  }

  private static String summary(Document page) {
    return page.select("#study-lead ul.study-summary li").eachText().stream()
        .reduce((x, y) -> x + " " + y)
        .orElse("");
  }

  private void plan(Study s, String primary, String planned) {
    MvcTestResult saved =
        mvc.post()
            .uri("/manage/playgrounds/{id}/plan", s.playground())
            .param("primary", primary)
            .param("plannedTesters", planned)
            .with(csrf())
            .with(fixtures.person(s.admin(), Role.ADMIN).signedIn())
            .exchange();
    assertThat(saved).hasStatus(HttpStatus.FOUND);
  }

  private Document dashboard(Study s) {
    MvcTestResult result =
        mvc.get()
            .uri("/manage/playgrounds/{id}/insights", s.playground())
            .with(fixtures.person(s.admin(), Role.ADMIN).signedIn())
            .exchange();
    assertThat(result).hasStatusOk();
    return Pages.page(result);
  }
}
