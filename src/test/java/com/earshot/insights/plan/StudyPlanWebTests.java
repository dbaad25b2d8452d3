package com.earshot.insights.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Manage › an A/B test › Plan: the primary measure and the planned testers per agent. */
@EarshotTest
class StudyPlanWebTests {

  @Autowired MockMvcTester mvc;
  @Autowired StudyPlans plans;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  @Test
  void shouldSaveThePrimaryQuestionAndThePlanAudited() {
    UUID admin = fixtures.admin("plan");
    UUID playground = fixtures.abPlayground(admin);
    UUID rating = fixtures.question(playground, null, "rating", null);

    MvcTestResult saved =
        post(admin, playground, "primary", rating.toString(), "plannedTesters", "1,200");

    assertThat(saved).hasStatus(HttpStatus.FOUND);
    assertThat(plan(admin, playground)).isEqualTo(new StudyPlan(rating, false, 1200));
    Map<String, Object> before = new HashMap<>();
    before.put("primary_question_id", null);
    before.put("primary_is_preference", false);
    before.put("planned_testers_per_model", null);
    assertThat(AuditRow.find(db, "playground.plan_update", "resource_id = ?", playground))
        .containsExactly(
            new AuditRow(
                admin,
                "playground.plan_update",
                "playground",
                playground,
                playground,
                before,
                Map.of(
                    "primary_question_id",
                    rating.toString(),
                    "primary_is_preference",
                    false,
                    "planned_testers_per_model",
                    1200),
                "127.0.0.1"));
    Document page = Pages.page(get(admin, playground));
    assertThat(page.selectFirst("#primary option[selected]").attr("value"))
        .isEqualTo(rating.toString());
    assertThat(Pages.valueOf(page, "plannedTesters")).isEqualTo("1200");
  }

  @Test
  void shouldRefuseQuestionsThatCannotDecideAndBadSizesKeepingWhatWasTypedAndWritingNothing() {
    UUID admin = fixtures.admin("plan");
    UUID playground = fixtures.abPlayground(admin);
    UUID onlyAboutA = fixtures.question(playground, "model_a", "rating", null);
    UUID text = fixtures.question(playground, null, "input_string", null);
    UUID choice = fixtures.selectQuestion(playground, null, "yes", "no");
    UUID elsewhere = fixtures.question(fixtures.abPlayground(admin), null, "rating", null);

    for (String primary :
        List.of(
            onlyAboutA.toString(), text.toString(), choice.toString(), elsewhere.toString(), "x")) {
      MvcTestResult refused = post(admin, playground, "primary", primary, "plannedTesters", "ten");
      assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
      Document page = Pages.page(refused);
      assertThat(Pages.errorAt(page, "primary"))
          .isEqualTo("Choose a rating question asked about both agents.");
      assertThat(Pages.errorAt(page, "plannedTesters"))
          .isEqualTo(
              "A whole number of testers per agent from 2 to 100,000, or empty for no plan.");
      assertThat(Pages.valueOf(page, "plannedTesters")).isEqualTo("ten");
    }
    for (String planned : List.of("1", "100001", "2.5", "-3", "99999999999")) {
      assertThat(post(admin, playground, "primary", "", "plannedTesters", planned))
          .hasStatus(HttpStatus.BAD_REQUEST);
    }
    assertThat(post(admin, playground, "primary", StudyPlans.PREFERENCE, "plannedTesters", ""))
        .hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(rows(playground)).isZero();
    assertThat(AuditRow.find(db, "playground.plan_update", "resource_id = ?", playground))
        .isEmpty();
  }

  @Test
  void shouldKeepThePlanWhenItsPrimaryQuestionIsDeletedAndGoWithItsPlayground() {
    UUID admin = fixtures.admin("plan");
    UUID playground = fixtures.abPlayground(admin);
    UUID rating = fixtures.question(playground, null, "rating", null);
    post(admin, playground, "primary", rating.toString(), "plannedTesters", "60");

    db.sql("DELETE FROM questions WHERE id = ?").param(rating).update();
    assertThat(plan(admin, playground)).isEqualTo(new StudyPlan(null, false, 60));

    db.sql("DELETE FROM playgrounds WHERE id = ?").param(playground).update();
    assertThat(rows(playground)).isZero();
  }

  @Test
  void shouldShowThePlanToNobodyButItsOwnerAndOnlyForAbTests() {
    UUID owner = fixtures.admin("plan");
    UUID playground = fixtures.abPlayground(owner);
    post(owner, playground, "primary", "", "plannedTesters", "60");
    UUID other = fixtures.admin("other");
    UUID tester = fixtures.tester("plan");

    assertThat(get(other, playground)).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(post(other, playground, "primary", "", "plannedTesters", "5"))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.get()
                .uri("/manage/playgrounds/{id}/plan", playground)
                .with(fixtures.person(tester, Role.TESTER).signedIn()))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(plan(other, playground)).isEqualTo(StudyPlan.NONE);
    UUID tuning = fixtures.playground(owner, "tuning", true, null);
    assertThat(get(owner, tuning)).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldAdviseHowManyTestersFromAnAssumedSpreadThenTheObservedOne() {
    UUID admin = fixtures.admin("plan");
    UUID playground = fixtures.abPlayground(admin);
    UUID rating = fixtures.question(playground, null, "rating", null);

    Document assumed = Pages.page(get(admin, playground));
    assertThat(assumed.selectFirst("#planner p").text())
        .startsWith("Assuming ratings spread by about 1 point");
    // R 4.3: power.t.test(delta = 0.5, sd = 1, power = 0.8)$n = 63.77 → 64;
    // power.prop.test(p1 = 0.5, p2 = 0.75, power = 0.8)$n = 57.67 → 58
    assertThat(advice(assumed, "0.5 points on the 1–5 scale", "single")).isEqualTo(64);
    assertThat(advice(assumed, "50% against 75% choosing an answer", "single")).isEqualTo(58);
    // reading as often as one likes costs testers, never saves them
    assertThat(advice(assumed, "0.5 points on the 1–5 scale", "sequential")).isGreaterThan(64);

    post(admin, playground, "primary", rating.toString(), "plannedTesters", "");
    // 12 testers: A rates 1 and 3 alternately (variance 12/11 each), B 2 and 4: pooled sd
    // √((11 × 12/11 + 11 × 12/11) / 22) = √(12/11) = 1.04
    for (int i = 0; i < 12; i++) {
      UUID tester = fixtures.tester("plan");
      fixtures.submittedSession(
          playground,
          tester,
          "model_a",
          1,
          1,
          1,
          java.time.LocalDateTime.now(),
          rating,
          1 + 2 * (i % 2));
      fixtures.submittedSession(
          playground,
          tester,
          "model_b",
          1,
          2,
          1,
          java.time.LocalDateTime.now(),
          rating,
          2 + 2 * (i % 2));
    }
    Document observed = Pages.page(get(admin, playground));
    assertThat(observed.selectFirst("#planner p").text())
        .startsWith(
            "Ratings of the primary question spread by 1.04 points within each agent (24 ratings");
  }

  private static long advice(Document page, String row, String cell) {
    return Long.parseLong(
        page.select("table[data-table=planner] tr").stream()
            .filter(tr -> tr.selectFirst("th").text().equals(row))
            .findFirst()
            .orElseThrow()
            .selectFirst("td[data-cell=" + cell + "]")
            .text());
  }

  private StudyPlan plan(UUID admin, UUID playground) {
    return DatabaseContext.callAs(
        CurrentUser.of(admin, fixtures.emailOf(admin), true), () -> plans.of(playground));
  }

  private long rows(UUID playground) {
    return db.sql("SELECT count(*) FROM playground_study_plans WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  private MvcTestResult get(UUID admin, UUID playground) {
    return mvc.get()
        .uri("/manage/playgrounds/{id}/plan", playground)
        .with(fixtures.person(admin, Role.ADMIN).signedIn())
        .exchange();
  }

  private MvcTestResult post(UUID admin, UUID playground, String... params) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/plan", playground)
            .with(csrf())
            .with(fixtures.person(admin, Role.ADMIN).signedIn());
    for (int i = 0; i < params.length; i += 2) {
      request = request.param(params[i], params[i + 1]);
    }
    return request.exchange();
  }
}
