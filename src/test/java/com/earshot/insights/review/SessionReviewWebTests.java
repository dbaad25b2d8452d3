package com.earshot.insights.review;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Sessions that should not count: the flags raised as their data arrives, an admin's exclusion, and
 * the dashboard, the call insights and the exports with and without them. Expected numbers are
 * worked out by hand in the comments.
 */
@EarshotTest
class SessionReviewWebTests {

  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 24, 10, 0);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  /** Six testers, one round each: A met first, then B. */
  record World(UUID admin, UUID playground, UUID overall, UUID solved, Map<String, UUID> sessions) {

    UUID session(String model, int tester) {
      return sessions.get(model + tester);
    }
  }

  private World world() {
    UUID admin = fixtures.admin("review");
    UUID playground = fixtures.abPlayground(admin);
    UUID overall = fixtures.question(playground, null, "rating", null);
    UUID solved = fixtures.selectQuestion(playground, null, "yes", "no");
    int[] ratingsA = {2, 3, 3, 2, 4, 3};
    int[] ratingsB = {4, 5, 4, 5, 4, 5};
    String[] solvedA = {"yes", "yes", "no", "no", "no", "no"};
    String[] solvedB = {"yes", "yes", "yes", "yes", "yes", "no"};
    Map<String, UUID> sessions = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      UUID tester = fixtures.tester("review");
      LocalDateTime at = DAY.plusHours(i);
      sessions.put(
          "a" + (i + 1),
          fixtures.submittedSession(
              playground,
              tester,
              "model_a",
              1,
              1,
              1,
              at,
              overall,
              ratingsA[i],
              solved,
              choice(solvedA[i])));
      sessions.put(
          "b" + (i + 1),
          fixtures.submittedSession(
              playground,
              tester,
              "model_b",
              1,
              2,
              1,
              at.plusMinutes(10),
              overall,
              ratingsB[i],
              solved,
              choice(solvedB[i])));
    }
    return new World(admin, playground, overall, solved, sessions);
  }

  /**
   * Conversations as the fetch job stores them (superuser here): long enough, ended well before the
   * submit, except B of tester 5 (5 s: too short). A of tester 6 has none and no call at all.
   */
  private void conversations(World w) {
    int[] durationsA = {60, 120, 180, 600, 240};
    String[] successA = {"success", "failure", "success", "success", "unknown"};
    String[] resolvedA = {"success", "failure", "failure", "success", "failure"};
    for (int i = 0; i < 5; i++) {
      conversation(
          w,
          w.session("a", i + 1),
          durationsA[i],
          successA[i],
          resolvedA[i],
          i == 0 ? "=HYPERLINK(\"http://evil\")" : "end_call tool");
    }
    int[] durationsB = {100, 200, 300, 400, 5, 500};
    String[] successB = {"success", "success", "success", "success", "success", "failure"};
    String[] resolvedB = {"success", "success", "failure", "success", "success", "failure"};
    for (int i = 0; i < 6; i++) {
      conversation(w, w.session("b", i + 1), durationsB[i], successB[i], resolvedB[i], "done");
    }
    db.sql(
            "UPDATE evaluation_sessions SET call_started_at = NULL, call_ended_at = NULL WHERE id = ?")
        .param(w.session("a", 6))
        .update();
  }

  private void conversation(
      World w, UUID session, int duration, String successful, String resolved, String ending) {
    db.sql(
            """
            INSERT INTO conversations (session_id, playground_id, conversation_id, agent_id, status,
                version_id, started_at, duration_secs, termination_reason, call_successful,
                transcript, evaluation_results)
            SELECT s.id, s.playground_id, 'conv_' || s.id, 'agent_' || s.model_key, 'done',
                   CASE WHEN s.model_key = 'model_a' THEN 'ver_a1' ELSE 'ver_b1' END,
                   s.submitted_at - interval '30 minutes', ?, ?, ?,
                   '[{"role": "agent", "message": "Hello, how can I help?", "time_in_call_secs": 0}]',
                   jsonb_build_object('resolved', jsonb_build_object('result', ?::text, 'rationale', 'x'))
            FROM evaluation_sessions s WHERE s.id = ?
            """)
        .params(duration, ending, successful, resolved, session)
        .update();
  }

  @Test
  void shouldLeaveOutFlaggedAndExcludedSessionsFromEveryStatisticUnlessAskedToInclude() {
    World w = world();
    conversations(w);
    assertThat(flags(w.session("a", 6))).containsExactly("no_call");
    assertThat(flags(w.session("b", 5))).containsExactly("too_short");
    UUID excluded = w.session("a", 4);
    assertThat(flags(excluded)).isEmpty();

    MvcTestResult posted =
        mvc.post()
            .uri("/manage/playgrounds/{id}/sessions/{s}/exclusion", w.playground(), excluded)
            .param("action", "exclude")
            .param("reason", "  Said they were only trying the page.  ")
            .with(csrf())
            .with(fixtures.person(w.admin(), Role.ADMIN).signedIn())
            .exchange();
    assertThat(posted).hasStatus(HttpStatus.FOUND);
    assertThat(AuditRow.find(db, "session.exclude", "resource_id = ?", excluded))
        .containsExactly(
            new AuditRow(
                w.admin(),
                "session.exclude",
                "evaluation_session",
                excluded,
                w.playground(),
                Map.of("counted", true, "flags", List.of()),
                Map.of("counted", false, "reason", "Said they were only trying the page."),
                "127.0.0.1"));

    Document page = dashboard(w, "");
    assertThat(page.selectFirst("[data-metric=left-out]").text())
        .isEqualTo("3 sessions left out: 1 no call, 1 too short, 1 by hand.");
    // 12 submitted − 3; each session had 2 answers: 24 − 6; every tester still has one counted.
    assertThat(metric(page, "submitted")).isEqualTo("9");
    assertThat(page.text()).contains("18 answers");
    assertThat(metric(page, "testers")).isEqualTo("6");
    // The limit counts every submitted session.
    assertThat(metric(page, "progress-model_a")).isEqualTo("6 of 50");
    Element rating = page.selectFirst("article[data-question=" + w.overall() + "]");
    // A without testers 4 and 6: 2 3 3 4 → 3.00; B without tester 5: 4 5 4 5 5 → 4.60
    assertThat(cell(rating, "model_a", "n")).isEqualTo("4");
    assertThat(cell(rating, "model_a", "mean")).isEqualTo("3.00");
    assertThat(cell(rating, "model_b", "n")).isEqualTo("5");
    assertThat(cell(rating, "model_b", "mean")).isEqualTo("4.60");
    // Pairs with both sessions counted: testers 1, 2, 3 (differences 2 2 1).
    assertThat(rating.text()).contains("Wilcoxon signed-rank test on 3 pairs");
    Element choice = page.selectFirst("article[data-question=" + w.solved() + "]");
    assertThat(share(choice, "yes", "model_a")).isEqualTo("2 (50.00%)");
    assertThat(share(choice, "no", "model_a")).isEqualTo("2 (50.00%)");
    assertThat(share(choice, "yes", "model_b")).isEqualTo("4 (80.00%)");
    assertThat(share(choice, "no", "model_b")).isEqualTo("1 (20.00%)");
    // Counted calls of A: 60 120 180 240 s → quartiles (interpolated) 105, 150, 195; B: 100 … 500.
    Element calls = page.selectFirst("table[data-table=calls]");
    assertThat(cell(calls, "model_a", "calls")).isEqualTo("4");
    assertThat(cell(calls, "model_a", "median")).isEqualTo("150.0");
    assertThat(cell(calls, "model_a", "quartiles")).isEqualTo("105.0 – 195.0");
    assertThat(cell(calls, "model_b", "median")).isEqualTo("300.0");
    assertThat(cell(calls, "model_b", "quartiles")).isEqualTo("200.0 – 400.0");
    // A: success, failure, success, unknown → 2 of 4; B: 4 successes and tester 6's failure.
    assertThat(cell(calls, "model_a", "successful")).isEqualTo("2 of 4 (50.0%)");
    assertThat(cell(calls, "model_b", "successful")).isEqualTo("4 of 5 (80.0%)");
    Element versions = page.selectFirst("table[data-table=elevenlabs-versions]");
    assertThat(versions.selectFirst("tr[data-version=ver_a1] td[data-cell=sessions]").text())
        .isEqualTo("4");
    assertThat(versions.selectFirst("tr[data-version=ver_b1] td[data-cell=sessions]").text())
        .isEqualTo("5");

    Document included = dashboard(w, "?included=true");
    assertThat(included.selectFirst("[data-metric=left-out]").text())
        .isEqualTo(
            "3 sessions that would be left out are counted: 1 no call, 1 too short, 1 by hand.");
    assertThat(metric(included, "submitted")).isEqualTo("12");
    assertThat(included.text()).contains("24 answers");
    Element all = included.selectFirst("article[data-question=" + w.overall() + "]");
    assertThat(cell(all, "model_a", "mean")).isEqualTo("2.83"); // 17 / 6
    assertThat(cell(all, "model_b", "mean")).isEqualTo("4.50"); // 27 / 6
    assertThat(all.text()).contains("Wilcoxon signed-rank test on 6 pairs");
    // A with tester 4's 600 s: 60 120 180 240 600 → 120, 180, 240
    assertThat(cell(included.selectFirst("table[data-table=calls]"), "model_a", "quartiles"))
        .isEqualTo("120.0 – 240.0");
  }

  @Test
  void shouldMeasureAgreementWithElevenLabsWhereAChoiceQuestionIsMappedToACriterion() {
    World w = world();
    conversations(w);
    MvcTestResult saved = saveReview(w, "resolved", "success", "failure");
    assertThat(saved).hasStatus(HttpStatus.FOUND);

    Document page = dashboard(w, "");
    // Counted sessions (all but B5, too short, and A6, no call), testers' yes/no against
    // ElevenLabs' verdict: yes & success 4 (A1 B1 B2 B4), yes & failure 2 (A2 B3), no & success 1
    // (A4), no & failure 3 (A3 A5 B6). po = 7/10, pe = 0.6 · 0.5 + 0.4 · 0.5 = 0.5, κ = 0.2/0.5 =
    // 0.4; Fleiss–Cohen–Everitt SE 0.28397 → 0.4 ± 1.96 · 0.284 = −0.157 – 0.957.
    assertThat(page.selectFirst("[data-metric=kappa]").text())
        .isEqualTo("Cohen’s κ = 0.40 (95% interval -0.16 – 0.96), n = 10: they agreed on 7.");
  }

  @Test
  void shouldRaiseEachFlagWhenTheDataArrivesAndAgainWhenTheRulesChange() {
    World w = world();
    conversations(w);
    // The agent names model B; a user turn naming it, or a longer word, does not count.
    db.sql(
            """
            UPDATE conversations SET transcript =
              '[{"role": "user", "message": "Are you Model model_a?"},
                {"role": "agent", "message": "Model model_ab? No."},
                {"role": "agent", "message": "I am MODEL MODEL_B, happy to help."}]'
            WHERE session_id = ?
            """)
        .param(w.session("b", 1))
        .update();
    db.sql(
            """
            UPDATE conversations SET transcript =
              '[{"role": "user", "message": "Are you Model model_a?"},
                {"role": "agent", "message": "Model model_ab? No."}]'
            WHERE session_id = ?
            """)
        .param(w.session("b", 2))
        .update();
    db.sql("UPDATE conversations SET status = 'failed' WHERE session_id = ?")
        .param(w.session("b", 3))
        .update();
    db.sql(
            "UPDATE evaluation_sessions SET problem_reported_at = submitted_at,"
                + " problem_reason = 'said_who_it_is' WHERE id = ?")
        .param(w.session("b", 4))
        .update();
    // Submitted 3 s after the call ended (ElevenLabs' start + duration).
    db.sql("UPDATE conversations SET started_at = ? , duration_secs = 300 WHERE session_id = ?")
        .params(DAY.plusHours(1).minusSeconds(303), w.session("a", 2))
        .update();
    UUID adminAsTester =
        fixtures.submittedSession(w.playground(), fixtures.admin("curious"), "model_a");

    assertThat(flags(w.session("b", 1))).containsExactly("blinding_broken");
    assertThat(flags(w.session("b", 2))).isEmpty();
    assertThat(flags(w.session("b", 3))).containsExactly("call_failed");
    assertThat(flags(w.session("b", 4))).containsExactly("problem_reported");
    assertThat(flags(w.session("a", 2))).containsExactly("too_fast");
    // Submitted as it started, without a call.
    assertThat(flags(adminAsTester)).containsExactly("admin_evaluated", "no_call", "too_fast");
    assertThat(flags(w.session("a", 1))).isEmpty();

    // Names with pattern characters are matched as written, whatever their case.
    db.sql("UPDATE conversations SET transcript = ? ::jsonb WHERE session_id = ?")
        .params(
            "[{\"role\": \"agent\", \"message\": \"This is the c++ Bot (v2) speaking\"}]",
            w.session("a", 1))
        .update();
    assertThat(flags(w.session("a", 1))).isEmpty();
    assertThat(
            saveReview(
                w, "", "", "", "minCallSeconds", "200", "revealingNames", "C++ bot (v2)\nNova"))
        .hasStatus(HttpStatus.FOUND);
    assertThat(flags(w.session("a", 1))).containsExactly("blinding_broken", "too_short");
    // The model names are no longer the names: B 1 is not flagged any more; 200 s is the minimum.
    assertThat(flags(w.session("b", 1))).containsExactly("too_short");
    assertThat(flags(w.session("b", 3))).containsExactly("call_failed");
  }

  @Test
  void shouldExportEveryRowWithItsCallFlagsAndExclusion() throws Exception {
    World w = world();
    conversations(w);
    db.sql(
            """
            INSERT INTO session_exclusions (session_id, playground_id, decision, reason, decided_by)
            VALUES (?, ?, 'included', 'The call was fine, the page missed it', ?)
            """)
        .params(w.session("a", 6), w.playground(), w.admin())
        .update();
    String csv =
        mvc.get()
            .uri("/manage/playgrounds/{id}/export/sessions.csv", w.playground())
            .with(fixtures.person(w.admin(), Role.ADMIN).signedIn())
            .exchange()
            .getResponse()
            .getContentAsString();
    List<CSVRecord> rows =
        CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv)).getRecords();
    assertThat(rows).hasSize(12);
    Map<String, CSVRecord> bySession = new HashMap<>();
    rows.forEach(row -> bySession.put(row.get("session_id"), row));
    CSVRecord first = bySession.get(w.session("a", 1).toString());
    assertThat(first.get("elevenlabs_conversation_id")).isEqualTo("conv_" + w.session("a", 1));
    assertThat(first.get("call_duration_secs")).isEqualTo("60");
    assertThat(first.get("termination_reason")).isEqualTo("'=HYPERLINK(\"http://evil\")");
    assertThat(first.get("agent_version_id")).isEqualTo("ver_a1");
    assertThat(first.get("counted")).isEqualTo("true");
    CSVRecord short5 = bySession.get(w.session("b", 5).toString());
    assertThat(short5.get("flag_too_short")).isEqualTo("true");
    assertThat(short5.get("flag_no_call")).isEqualTo("false");
    assertThat(short5.get("counted")).isEqualTo("false");
    assertThat(short5.get("exclusion")).isEmpty();
    CSVRecord included = bySession.get(w.session("a", 6).toString());
    assertThat(included.get("flag_no_call")).isEqualTo("true");
    assertThat(included.get("elevenlabs_conversation_id")).isEmpty();
    assertThat(included.get("counted")).isEqualTo("true");
    assertThat(included.get("exclusion")).isEqualTo("included");
    assertThat(included.get("exclusion_reason")).isEqualTo("The call was fine, the page missed it");
  }

  @Test
  void shouldRefuseABadReviewFormAtItsFieldsKeepingWhatWasTypedAndWritingNothing() {
    World w = world();
    MvcTestResult result =
        saveReview(
            w,
            "bad id!",
            "success",
            "",
            "minCallSeconds",
            "-1",
            "minAnswerSeconds",
            "ten",
            "revealingNames",
            "Nova");
    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = Pages.page(result);
    assertThat(Pages.errorAt(page, "minCallSeconds"))
        .isEqualTo("A whole number of seconds from 0 to 3600.");
    assertThat(Pages.errorAt(page, "minAnswerSeconds"))
        .isEqualTo("A whole number of seconds from 0 to 3600.");
    assertThat(Pages.errorAt(page, "criterion-" + w.solved()))
        .startsWith("A criterion id as ElevenLabs shows it");
    assertThat(Pages.valueOf(page, "minCallSeconds")).isEqualTo("-1");
    assertThat(Pages.valueOf(page, "revealingNames")).isEqualTo("Nova");
    assertThat(Pages.valueOf(page, "criterion-" + w.solved())).isEqualTo("bad id!");
    assertThat(
            db.sql("SELECT count(*) FROM playground_review_settings WHERE playground_id = ?")
                .param(w.playground())
                .query(Long.class)
                .single())
        .isZero();

    MvcTestResult half = saveReview(w, "resolved", "success", "");
    assertThat(half).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(Pages.errorAt(Pages.page(half), "criterion-" + w.solved()))
        .isEqualTo(
            "Say which options stand for success and which for failure (at least one each).");

    MvcTestResult stranger =
        mvc.get()
            .uri("/manage/playgrounds/{id}/review", w.playground())
            .with(fixtures.adminPerson("other").signedIn())
            .exchange();
    assertThat(stranger).hasStatus(HttpStatus.NOT_FOUND);
  }

  @Test
  void shouldRefuseAnExclusionWithoutAReasonAndReincludeWithOne() {
    World w = world();
    conversations(w);
    UUID noCall = w.session("a", 6);
    Document back = follow(w, noCall, exclusion(w, noCall, "include", "   "));
    assertThat(Pages.errorAt(back, "exclusion-reason"))
        .isEqualTo("Say why, so that others reading the statistics know.");
    assertThat(back.selectFirst("[data-review=counted]").text())
        .isEqualTo("Left out of the statistics.");
    assertThat(back.select("[data-flag]").eachText()).containsExactly("no call");
    Document refused = follow(w, noCall, exclusion(w, noCall, "exclude", "again"));
    assertThat(refused.getElementById("exclusion-action-error").text())
        .isEqualTo("This session is left out already: reload the page to see why.");
    assertThat(
            db.sql("SELECT count(*) FROM session_exclusions WHERE session_id = ?")
                .param(noCall)
                .query(Long.class)
                .single())
        .isZero();

    Document done =
        follow(w, noCall, exclusion(w, noCall, "include", "The widget's report was lost"));
    assertThat(done.selectFirst("[data-review=counted]").text())
        .isEqualTo("Counted in the statistics.");
    assertThat(done.selectFirst("[data-review=decision]").text())
        .startsWith("Included by " + fixtures.emailOf(w.admin()) + " on ")
        .endsWith("UTC: The widget's report was lost");
    assertThat(AuditRow.find(db, "session.include", "resource_id = ?", noCall))
        .containsExactly(
            new AuditRow(
                w.admin(),
                "session.include",
                "evaluation_session",
                noCall,
                w.playground(),
                Map.of("counted", false, "flags", List.of("no_call")),
                Map.of("counted", true, "reason", "The widget's report was lost"),
                "127.0.0.1"));
    assertThat(dashboard(w, "").selectFirst("[data-metric=left-out]").text())
        .isEqualTo("1 session left out: 1 too short.");

    MvcTestResult stranger =
        mvc.post()
            .uri("/manage/playgrounds/{id}/sessions/{s}/exclusion", w.playground(), noCall)
            .param("action", "exclude")
            .param("reason", "mine now")
            .with(csrf())
            .with(fixtures.adminPerson("other").signedIn())
            .exchange();
    assertThat(stranger).hasStatus(HttpStatus.NOT_FOUND);
  }

  private MvcTestResult exclusion(World w, UUID session, String action, String reason) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/sessions/{s}/exclusion", w.playground(), session)
        .param("action", action)
        .param("reason", reason)
        .with(csrf())
        .with(fixtures.person(w.admin(), Role.ADMIN).signedIn())
        .exchange();
  }

  /** The session page the exclusion form went back to, with the flash attributes it carried. */
  private Document follow(World w, UUID session, MvcTestResult posted) {
    assertThat(posted).hasStatus(HttpStatus.FOUND);
    MvcTestResult page =
        mvc.get()
            .uri("/manage/playgrounds/{id}/sessions/{s}", w.playground(), session)
            .flashAttrs(posted.getMvcResult().getFlashMap())
            .with(fixtures.person(w.admin(), Role.ADMIN).signedIn())
            .exchange();
    assertThat(page).hasStatusOk();
    return Pages.page(page);
  }

  /**
   * Posts the review form: the solved question's criterion and its two options' results, the
   * defaults of the other fields unless {@code more} (name, value, …) gives them.
   */
  private MvcTestResult saveReview(
      World w, String criterion, String yes, String no, String... more) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("minCallSeconds", "20");
    fields.put("minAnswerSeconds", "10");
    fields.put("revealingNames", "");
    fields.put("criterion-" + w.solved(), criterion);
    fields.put("option-" + w.solved() + "-0", yes);
    fields.put("option-" + w.solved() + "-1", no);
    for (int i = 0; i < more.length; i += 2) {
      fields.put(more[i], more[i + 1]);
    }
    var request = mvc.post().uri("/manage/playgrounds/{id}/review", w.playground());
    for (Map.Entry<String, String> field : fields.entrySet()) {
      request = request.param(field.getKey(), field.getValue());
    }
    return request.with(csrf()).with(fixtures.person(w.admin(), Role.ADMIN).signedIn()).exchange();
  }

  private List<String> flags(UUID session) {
    return db.sql("SELECT flag FROM session_flags WHERE session_id = ? ORDER BY flag")
        .param(session)
        .query(String.class)
        .list();
  }

  private Document dashboard(World w, String query) {
    MvcTestResult result =
        mvc.get()
            .uri("/manage/playgrounds/" + w.playground() + "/insights" + query)
            .with(fixtures.person(w.admin(), Role.ADMIN).signedIn())
            .exchange();
    assertThat(result).hasStatusOk();
    return Pages.page(result);
  }

  private static String metric(Document page, String name) {
    return page.selectFirst("[data-metric=" + name + "]").text();
  }

  private static String cell(Element table, String model, String cell) {
    return table.selectFirst("tr[data-model=" + model + "] td[data-cell=" + cell + "]").text();
  }

  private static String share(Element article, String value, String model) {
    return article.selectFirst("tr[data-value=" + value + "] td[data-model=" + model + "]").text();
  }
}
