package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.evaluation.Assignment;
import com.earshot.evaluation.AssignmentService;
import com.earshot.evaluation.EvaluationSession;
import com.earshot.evaluation.SubmissionOutcome;
import com.earshot.evaluation.SubmissionService;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tallies the triggers keep give exactly the seed's views: testers evaluate through the real
 * services, from several threads at once, across two configuration versions, leaving some sessions
 * open and some lapsed; then every tally is compared with the same numbers computed from the rows.
 */
@EarshotTest
class TalliesTests {

  @Autowired AssignmentService assignments;
  @Autowired SubmissionService submissions;
  @Autowired JdbcClient appJdbc;
  @Autowired PlatformTransactionManager transactions;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient owner = fixtures.jdbc();

  UUID admin;
  UUID playground;
  UUID verdict;
  UUID score;
  UUID comment;
  UUID onlyB;

  @BeforeEach
  void playgroundWithQuestions() {
    admin = fixtures.admin("tallies");
    playground = fixtures.abPlayground(admin);
    owner
        .sql("UPDATE model_configurations SET max_evaluations = 10000 WHERE playground_id = ?")
        .param(playground)
        .update();
    verdict = fixtures.selectQuestion(playground, null, "good", "ok", "bad");
    score = fixtures.question(playground, null, "rating", null);
    comment = fixtures.question(playground, null, "input_string", null);
    onlyB = fixtures.selectQuestion(playground, "model_b", "yes", "no");
    owner
        .sql("UPDATE questions SET required = false WHERE id IN (?, ?)")
        .params(comment, score)
        .update();
  }

  @Test
  void shouldKeepTalliesEqualToTheViewsUnderConcurrentEvaluations() throws Exception {
    List<UUID> testers = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      testers.add(fixtures.tester("tally"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < testers.size(); i++) {
        UUID tester = testers.get(i);
        long seed = i;
        work.add(pool.submit(() -> evaluate(tester, new Random(seed))));
        if (i == testers.size() / 2) {
          for (Future<?> done : work) {
            done.get();
          }
          owner
              .sql(
                  "UPDATE model_configurations SET configuration_version = configuration_version + 1"
                      + " WHERE playground_id = ? AND model_key = 'model_a'")
              .param(playground)
              .update();
        }
      }
      for (Future<?> done : work) {
        done.get();
      }
    } finally {
      pool.shutdown();
    }
    owner
        .sql(
            "UPDATE evaluation_sessions SET expires_at = now() - interval '1 minute'"
                + " WHERE playground_id = ? AND status = 'assigned'"
                + " AND user_id IN (SELECT user_id FROM evaluation_sessions"
                + "                 WHERE playground_id = ? ORDER BY id LIMIT 10)")
        .params(playground, playground)
        .update();

    assertThat(
            owner
                .sql("SELECT count(*) FROM evaluations WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single())
        .isGreaterThan(150);
    assertThat(
            difference(
                "SELECT * FROM playground_metrics WHERE id = :p",
                "insights_playground_metrics(:p)"))
        .isZero();
    assertThat(asAdmin("SELECT count(*) FROM insights_playground_metrics(:p)")).isEqualTo(1);
    assertThat(
            difference(
                "SELECT * FROM question_metrics WHERE playground_id = :p",
                "insights_question_metrics(:p)"))
        .isZero();
    assertThat(ownerDifference(TallyQueries.ANSWERS_FROM_ROWS, TallyQueries.ANSWERS_FROM_TALLIES))
        .isZero();
    assertThat(ownerDifference(TallyQueries.SESSIONS_FROM_ROWS, TallyQueries.SESSIONS_FROM_TALLIES))
        .isZero();
    assertThat(ownerDifference(TallyQueries.PAIRS_FROM_ROWS, TallyQueries.PAIRS_FROM_TALLIES))
        .isZero();
    assertThat(
            owner
                .sql(
                    "SELECT coalesce(sum(pairs), 0) FROM rating_pair_tallies WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void shouldShowTalliesOnlyToTheAdminWhoOwnsThePlayground() {
    UUID tester = fixtures.tester("tally");
    evaluate(tester, new Random(7));
    UUID otherAdmin = fixtures.admin("other");

    assertThat(count(admin, "SELECT count(*) FROM answer_tallies WHERE playground_id = :p"))
        .isPositive();
    for (UUID outsider : List.of(otherAdmin, tester)) {
      for (String table :
          List.of(
              "answer_tallies",
              "session_tallies",
              "rating_pair_tallies",
              "playground_testers",
              "left_out_sessions",
              "left_out_answer_tallies",
              "left_out_session_tallies",
              "left_out_pair_tallies",
              "left_out_testers",
              "left_out_preference_tallies")) {
        assertThat(count(outsider, "SELECT count(*) FROM " + table + " WHERE playground_id = :p"))
            .isZero();
      }
      assertThat(count(outsider, "SELECT count(*) FROM insights_playground_metrics(:p)")).isZero();
      assertThat(count(outsider, "SELECT count(*) FROM insights_question_metrics(:p)")).isZero();
    }
  }

  /**
   * One tester: one or two rounds, each stopped early now and then; answers drawn from {@code
   * random}.
   */
  private void evaluate(UUID tester, Random random) {
    CurrentUser user = CurrentUser.of(tester, fixtures.emailOf(tester), false);
    int rounds = 1 + random.nextInt(2);
    for (int round = 0; round < rounds; round++) {
      for (int position = 0; position < 2; position++) {
        Assignment assignment = DatabaseContext.callAs(user, () -> assignments.start(playground));
        if (!(assignment instanceof Assignment.Given given)) {
          return;
        }
        if (random.nextInt(10) == 0) {
          return; // walks away: the session stays assigned
        }
        EvaluationSession session = given.session();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("q-" + verdict, List.of("good", "ok", "bad").get(random.nextInt(3)));
        if (random.nextInt(5) > 0) {
          form.put("q-" + score, String.valueOf(1 + random.nextInt(5)));
        }
        if (random.nextBoolean()) {
          form.put("q-" + comment, "Answer " + random.nextInt(1000));
        }
        if (session.modelKey().databaseValue().equals("model_b")) {
          form.put("q-" + onlyB, random.nextBoolean() ? "yes" : "no");
        }
        SubmissionOutcome outcome =
            DatabaseContext.callAs(user, () -> submissions.submit(session.id(), form));
        assertThat(outcome).isInstanceOf(SubmissionOutcome.Saved.class);
      }
    }
  }

  /** Rows in one query's result and not the other's, either way, read as the owning admin. */
  private long difference(String view, String function) {
    return asAdmin(TallyQueries.rowsDiffering(view, "SELECT * FROM " + function));
  }

  private long ownerDifference(String rows, String tallies) {
    return owner
        .sql(TallyQueries.rowsDiffering(rows, tallies))
        .param("p", playground)
        .query(Long.class)
        .single();
  }

  private long asAdmin(String sql) {
    return count(admin, sql);
  }

  private long count(UUID user, String sql) {
    boolean isAdmin =
        owner
            .sql("SELECT role = 'admin' FROM users WHERE id = ?")
            .param(user)
            .query(Boolean.class)
            .single();
    CurrentUser current = CurrentUser.of(user, fixtures.emailOf(user), isAdmin);
    return DatabaseContext.callAs(
        current,
        () ->
            new TransactionTemplate(transactions)
                .execute(
                    status -> appJdbc.sql(sql).param("p", playground).query(Long.class).single()));
  }
}
