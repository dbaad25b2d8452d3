package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.evaluation.Assignment;
import com.earshot.evaluation.AssignmentService;
import com.earshot.evaluation.EvaluationSession;
import com.earshot.evaluation.SubmissionOutcome;
import com.earshot.evaluation.SubmissionService;
import com.earshot.insights.review.Flag;
import com.earshot.insights.review.SessionReview;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.InvalidInputException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V34's share of the left-out sessions, equal to what their rows say however the changes that
 * decide it interleave: testers submitting (with and without a call) and voting, an admin excluding
 * and re-including, and the conversation job raising and clearing flags, all at once.
 */
@EarshotTest
class LeftOutTalliesTests {

  @Autowired AssignmentService assignments;
  @Autowired SubmissionService submissions;
  @Autowired SessionReview review;
  @Autowired JdbcClient appJdbc;
  @Autowired PlatformTransactionManager transactions;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient owner = fixtures.jdbc();

  @Test
  void shouldKeepTheLeftOutShareEqualToTheRowsUnderConcurrentChanges() throws Exception {
    UUID admin = fixtures.admin("left-out");
    UUID playground = fixtures.abPlayground(admin);
    owner
        .sql("UPDATE model_configurations SET max_evaluations = 10000 WHERE playground_id = ?")
        .param(playground)
        .update();
    UUID score = fixtures.question(playground, null, "rating", null);
    UUID verdict = fixtures.selectQuestion(playground, null, "good", "bad");
    List<UUID> testers = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      testers.add(fixtures.tester("left-out"));
    }
    AtomicBoolean testing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < testers.size(); i++) {
        UUID tester = testers.get(i);
        // one tester in four never calls: every session of theirs is flagged "no call"; the others
        // call before 3 sessions in 4
        int calls = i % 4 == 0 ? 0 : 3;
        Random random = new Random(i);
        work.add(pool.submit(() -> evaluate(playground, tester, calls, score, verdict, random)));
      }
      Future<?> decisions = pool.submit(() -> decide(playground, admin, testing, new Random(1)));
      Future<?> conversations = pool.submit(() -> converse(playground, testing, new Random(2)));
      for (Future<?> done : work) {
        done.get();
      }
      testing.set(false);
      decisions.get();
      conversations.get();
    } finally {
      pool.shutdown();
    }

    Map<String, Long> differing = new LinkedHashMap<>();
    Map<String, Long> leftOut = new LinkedHashMap<>();
    TallyQueries.LEFT_OUT_QUERIES.forEach(
        (what, queries) -> {
          differing.put(
              what, count(TallyQueries.rowsDiffering(queries.get(0), queries.get(1)), playground));
          leftOut.put(what, count("SELECT count(*) FROM (" + queries.get(0) + ") q", playground));
        });
    assertThat(differing).allSatisfy((what, rows) -> assertThat(rows).as(what).isZero());
    // every part was exercised: something of each kind is left out, and not everything
    assertThat(leftOut).allSatisfy((what, rows) -> assertThat(rows).as(what).isPositive());
    assertThat(leftOut.get("sessions"))
        .isLessThan(
            count(
                "SELECT count(*) FROM evaluation_sessions WHERE playground_id = :p"
                    + " AND status = 'submitted'",
                playground));
  }

  @Test
  void shouldFileEachLeftOutSessionUnderItsFirstFlagInFlagOrderAndByHandBeforeAnyFlag() {
    UUID admin = fixtures.admin("left-out-reason");
    UUID playground = fixtures.abPlayground(admin);
    UUID session =
        fixtures.submittedSession(playground, fixtures.tester("left-out-reason"), "model_a");
    List<Flag> flags = List.of(Flag.values());
    for (int first = flags.size() - 1; first >= 0; first--) {
      // the flags from this one on, written as the flag triggers would, then applied
      owner.sql("DELETE FROM session_flags WHERE session_id = ?").param(session).update();
      for (Flag flag : flags.subList(first, flags.size())) {
        owner
            .sql("INSERT INTO session_flags (session_id, playground_id, flag) VALUES (?, ?, ?)")
            .params(session, playground, flag.databaseValue())
            .update();
      }
      owner.sql("SELECT left_out_apply(ARRAY[?::uuid])").param(session).query().listOfRows();
      assertThat(reason(session)).isEqualTo(flags.get(first).databaseValue());
    }
    owner
        .sql(
            "INSERT INTO session_exclusions (session_id, playground_id, decision, reason)"
                + " VALUES (?, ?, 'excluded', 'test')")
        .params(session, playground)
        .update();
    assertThat(reason(session)).isEqualTo("by_hand");
    owner
        .sql("UPDATE session_exclusions SET decision = 'included' WHERE session_id = ?")
        .param(session)
        .update();
    assertThat(count("SELECT count(*) FROM left_out_sessions WHERE playground_id = :p", playground))
        .isZero();
  }

  private String reason(UUID session) {
    return owner
        .sql("SELECT reason FROM left_out_sessions WHERE session_id = ?")
        .param(session)
        .query(String.class)
        .single();
  }

  private long count(String sql, UUID playground) {
    return owner.sql(sql).param("p", playground).query(Long.class).single();
  }

  /** Two rounds, a call before {@code calls} submits in 4, a vote after each round. */
  private void evaluate(
      UUID playground, UUID tester, int calls, UUID score, UUID verdict, Random random) {
    CurrentUser user = CurrentUser.of(tester, fixtures.emailOf(tester), false);
    for (int round = 1; round <= 2; round++) {
      String first = null;
      for (int position = 1; position <= 2; position++) {
        Assignment assignment = DatabaseContext.callAs(user, () -> assignments.start(playground));
        if (!(assignment instanceof Assignment.Given given)) {
          return;
        }
        EvaluationSession session = given.session();
        if (position == 1) {
          first = session.modelKey().databaseValue();
        }
        if (random.nextInt(4) < calls) {
          owner
              .sql(
                  "UPDATE evaluation_sessions SET call_started_at = now() - interval '3 minutes',"
                      + " call_ended_at = now() - interval '1 minute' WHERE id = ?")
              .param(session.id())
              .update();
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("q-" + score, String.valueOf(1 + random.nextInt(5)));
        form.put("q-" + verdict, random.nextBoolean() ? "good" : "bad");
        SubmissionOutcome outcome =
            DatabaseContext.callAs(user, () -> submissions.submit(session.id(), form));
        assertThat(outcome).isInstanceOf(SubmissionOutcome.Saved.class);
      }
      String choice = List.of("first", "second", "both_good", "both_bad").get(random.nextInt(4));
      vote(playground, user, round, choice, first);
    }
  }

  private void vote(UUID playground, CurrentUser user, int round, String verdict, String first) {
    DatabaseContext.callAs(
        user,
        () ->
            new TransactionTemplate(transactions)
                .execute(
                    status ->
                        appJdbc
                            .sql(
                                """
                                INSERT INTO preferences (playground_id, user_id, round_number,
                                    verdict, preferred_model_key, first_model_key)
                                VALUES (?, ?, ?, ?, ?, ?)
                                """)
                            .params(
                                playground,
                                user.id(),
                                round,
                                verdict,
                                Fixtures.preferredModel(verdict, first),
                                first)
                            .update()));
  }

  /** The admin excludes or re-includes submitted sessions at random, through the app. */
  private void decide(UUID playground, UUID admin, AtomicBoolean testing, Random random) {
    CurrentUser user = CurrentUser.of(admin, fixtures.emailOf(admin), true);
    while (testing.get()) {
      for (UUID session : someSubmitted(playground, random)) {
        try {
          DatabaseContext.callAs(
              user,
              () -> {
                SessionReview.State state = review.state(playground, session);
                return review.decide(playground, session, state.action(), "Checked by hand.");
              });
        } catch (InvalidInputException changedMeanwhile) {
          // the job or a submit changed its flags between reading and deciding: next one
        }
      }
    }
  }

  /**
   * The conversation job storing calls as ElevenLabs reports them, for the sessions just submitted
   * (while their testers go on): too short (a flag) or long enough, and again with the other length
   * (the flag cleared or raised).
   */
  private void converse(UUID playground, AtomicBoolean testing, Random random) {
    while (testing.get()) {
      for (UUID session : lastSubmitted(playground)) {
        owner
            .sql(
                """
                INSERT INTO conversations (session_id, playground_id, conversation_id, agent_id,
                    status, started_at, duration_secs)
                SELECT s.id, s.playground_id, 'conv_' || s.id, 'agent_' || s.model_key, 'done',
                       s.submitted_at - interval '30 minutes', ?
                FROM evaluation_sessions s WHERE s.id = ?
                ON CONFLICT (session_id) DO UPDATE SET duration_secs = excluded.duration_secs
                """)
            .params(random.nextBoolean() ? 5 : 120, session)
            .update();
      }
    }
  }

  /** Three submitted sessions drawn at random, after a pause that lets the testers get ahead. */
  private List<UUID> someSubmitted(UUID playground, Random random) {
    pause();
    return owner
        .sql(
            "SELECT id FROM evaluation_sessions WHERE playground_id = ? AND status = 'submitted'"
                + " ORDER BY md5(id::text || ?) LIMIT 3")
        .params(playground, String.valueOf(random.nextInt()))
        .query(UUID.class)
        .list();
  }

  private List<UUID> lastSubmitted(UUID playground) {
    pause();
    return owner
        .sql(
            "SELECT id FROM evaluation_sessions WHERE playground_id = ? AND status = 'submitted'"
                + " ORDER BY submitted_at DESC LIMIT 3")
        .param(playground)
        .query(UUID.class)
        .list();
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
