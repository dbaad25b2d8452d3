package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.earshot.evaluation.EvaluationWorld.SessionRow;
import com.earshot.evaluation.FixedRandomness.SeededRandomness;
import com.earshot.playground.ModelKey;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import com.earshot.support.StartingGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The assignment engine (DESIGN.md, "A/B assignment, sessions and limits"), through the service as
 * testers use it, with the coin fixed: random first model, the other one second, resume, rounds and
 * their cap, reservations that lapse, full models, tuning.
 */
@EarshotTest
class AssignmentTests {

  @Autowired AssignmentService assignments;
  @Autowired SubmissionService submissions;
  @Autowired SeededRandomness randomness;

  final EvaluationWorld world = new EvaluationWorld();

  @Test
  void shouldGiveModelAFirstAboutHalfTheTimeAndAlwaysTheOtherModelSecond() {
    randomness.seed(20251125L);
    UUID playground = world.abPlayground(1000, 1000);
    List<Person> testers = world.testers("coin", 200);
    List<EvaluationSession> firsts = new ArrayList<>();
    for (Person tester : testers) {
      EvaluationSession first = given(tester.call(() -> assignments.start(playground)));
      assertThat(first.round()).isEqualTo(1);
      assertThat(first.position()).isEqualTo(1);
      firsts.add(first);
    }
    world
        .db
        .sql(
            """
            UPDATE evaluation_sessions SET status = 'submitted', submitted_at = now()
            WHERE playground_id = ?
            """)
        .param(playground)
        .update();

    for (int i = 0; i < testers.size(); i++) {
      EvaluationSession first = firsts.get(i);
      EvaluationSession second =
          given(testers.get(i).call(() -> assignments.nextInRound(playground)));
      assertThat(second.modelKey()).isEqualTo(first.modelKey().other());
      assertThat(second.round()).isEqualTo(1);
      assertThat(second.position()).isEqualTo(2);
    }
    long aFirst = firsts.stream().filter(first -> first.modelKey() == ModelKey.MODEL_A).count();
    assertThat(aFirst).as("testers who met model A first, of 200").isBetween(70L, 130L);
    assertThat(
            world
                .db
                .sql(
                    """
                    SELECT count(*) FROM evaluation_sessions
                    WHERE playground_id = ? AND position = 2 AND status = 'assigned'
                    """)
                .param(playground)
                .query(Long.class)
                .single())
        .isEqualTo(200);
  }

  @Test
  void shouldDrawTheFirstModelFromTheInjectedRandomness() {
    List<ModelKey> once = firstModels(20260101L, 30);
    List<ModelKey> again = firstModels(20260101L, 30);

    assertThat(again).as("the same seed, the same order").isEqualTo(once);
    assertThat(once).contains(ModelKey.MODEL_A, ModelKey.MODEL_B);
  }

  @Test
  void shouldResumeTheOpenSessionInsteadOfOpeningAnother() {
    UUID playground = world.abPlayground(50, 50);
    Person tester = world.tester("returning");

    EvaluationSession first = given(tester.call(() -> assignments.start(playground)));
    EvaluationSession resumed = given(tester.call(() -> assignments.start(playground)));
    EvaluationSession again = given(tester.call(() -> assignments.nextInRound(playground)));

    assertThat(resumed.id()).isEqualTo(first.id());
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(world.sessions(playground, tester.id()))
        .singleElement()
        .satisfies(row -> assertThat(row.status()).isEqualTo("assigned"));
  }

  @Test
  void shouldCompleteARoundAndStartAnotherOnlyWhenAsked() {
    UUID playground = world.abPlayground(50, 50);
    Person tester = world.tester("rounds");
    completeRound(tester, playground);

    Assignment complete = tester.call(() -> assignments.nextInRound(playground));
    assertThat(complete).isEqualTo(new Assignment.RoundComplete(1, true));
    assertThat(world.sessions(playground, tester.id())).hasSize(2);

    EvaluationSession roundTwo = given(tester.call(() -> assignments.start(playground)));

    assertThat(roundTwo.round()).isEqualTo(2);
    assertThat(roundTwo.position()).isEqualTo(1);
    assertThat(world.sessions(playground, tester.id()))
        .extracting(SessionRow::round)
        .containsExactly(1, 1, 2);
  }

  @Test
  void shouldNotStartARoundBeyondTheTestersCap() {
    UUID playground = world.abPlayground(50, 50);
    world.capRounds(playground, 2);
    Person tester = world.tester("capped");
    completeRound(tester, playground);
    assertThat(tester.call(() -> assignments.nextInRound(playground)))
        .isEqualTo(new Assignment.RoundComplete(1, true));
    completeRound(tester, playground);

    Assignment afterCap = tester.call(() -> assignments.start(playground));

    assertThat(afterCap).isEqualTo(new Assignment.Closed(Assignment.Reason.ROUNDS_DONE));
    assertThat(world.sessions(playground, tester.id()))
        .extracting(SessionRow::round)
        .containsExactly(1, 1, 2, 2);
    assertThat(world.counter(playground, "model_a")).isEqualTo(2);
    assertThat(world.counter(playground, "model_b")).isEqualTo(2);
  }

  @Test
  void shouldHoldTheSlotOfALiveReservationAndFreeItWhenItLapses() {
    UUID playground = world.abPlayground(1, 1);
    world.fixtures.setCount(playground, "model_b", 1);
    Person early = world.tester("early");
    Person late = world.tester("late");
    EvaluationSession held = given(early.call(() -> assignments.start(playground)));
    assertThat(held.modelKey()).isEqualTo(ModelKey.MODEL_A);

    assertThat(late.call(() -> assignments.start(playground)))
        .as("model A's only slot is reserved, model B is full")
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
    assertThat(world.sessions(playground, late.id())).isEmpty();

    world.lapse(held.id());
    EvaluationSession taken = given(late.call(() -> assignments.start(playground)));

    assertThat(taken.modelKey()).isEqualTo(ModelKey.MODEL_A);
    assertThat(world.session(taken.id()).status()).isEqualTo("assigned");
    assertThat(early.call(() -> assignments.start(playground)))
        .as("the early tester's place went to the late one")
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
    assertThat(world.status(held.id())).isEqualTo("expired");
    assertThat(world.sessionCount(playground)).isEqualTo(2);
  }

  @Test
  void shouldNeverAssignAFullModel() {
    randomness.seed(99L);
    UUID playground = world.abPlayground(5, 50);
    world.fixtures.setCount(playground, "model_a", 5);

    for (int i = 0; i < 20; i++) {
      Person tester = world.tester("full-a");
      EvaluationSession session = given(tester.call(() -> assignments.start(playground)));
      assertThat(session.modelKey()).isEqualTo(ModelKey.MODEL_B);
      assertThat(session.position()).isEqualTo(1);
    }
    Person doneWithB = world.tester("b-done");
    EvaluationSession b = given(doneWithB.call(() -> assignments.start(playground)));
    assertThat(submit(doneWithB, b.id(), Map.of())).isInstanceOf(SubmissionOutcome.Saved.class);
    assertThat(doneWithB.call(() -> assignments.nextInRound(playground)))
        .as("the other model is full")
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));

    world.fixtures.setCount(playground, "model_b", 50);
    Person tooLate = world.tester("too-late");
    long sessionsBefore = world.sessionCount(playground);
    assertThat(tooLate.call(() -> assignments.start(playground)))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
    assertThat(world.sessionCount(playground)).isEqualTo(sessionsBefore);
    assertThat(world.counter(playground, "model_a")).isEqualTo(5);
  }

  @Test
  void shouldNeverReserveMoreSlotsThanAModelHasUnderConcurrentStarts() throws Exception {
    UUID playground = world.abPlayground(10, 10);
    List<Person> testers = new ArrayList<>();
    testers.addAll(world.testers("rush", 60));
    ExecutorService pool = Executors.newFixedThreadPool(testers.size());
    try {
      CountDownLatch ready = new CountDownLatch(testers.size());
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Assignment>> results = new ArrayList<>();
      for (Person tester : testers) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return tester.call(() -> assignments.start(playground));
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      start.countDown();
      List<Assignment> assignmentsMade = new ArrayList<>();
      for (Future<Assignment> result : results) {
        assignmentsMade.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(assignmentsMade).filteredOn(Assignment.Given.class::isInstance).hasSize(20);
      assertThat(assignmentsMade)
          .filteredOn(Assignment.Closed.class::isInstance)
          .hasSize(40)
          .containsOnly(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
      assertThat(
              world
                  .db
                  .sql(
                      """
                      SELECT model_key, count(*) FROM evaluation_sessions
                      WHERE playground_id = ? AND status = 'assigned' GROUP BY model_key
                      """)
                  .param(playground)
                  .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2))
                  .list())
          .containsExactlyInAnyOrder("model_a=10", "model_b=10");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldGiveOneSessionWhenATesterStartsSeveralTimesAtOnce() throws Exception {
    UUID playground = world.abPlayground(50, 50);
    Person tester = world.tester("double-click");
    List<java.util.concurrent.Callable<Assignment>> clicks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      clicks.add(() -> tester.call(() -> assignments.start(playground)));
    }

    List<Assignment> given = StartingGate.runAtOnce(clicks, 30);

    assertThat(world.sessions(playground, tester.id())).hasSize(1);
    UUID session = world.sessions(playground, tester.id()).get(0).id();
    assertThat(given)
        .allSatisfy(assignment -> assertThat(given(assignment).id()).isEqualTo(session));
  }

  @Test
  void shouldOpenANewTuningSessionPerVisitWithinTheLimit() {
    UUID playground = world.tuningPlayground(3);
    UUID question = world.select(playground, null, "better", "worse");
    Person tester = world.tester("tuner");

    for (int visit = 1; visit <= 3; visit++) {
      EvaluationSession session = given(tester.call(() -> assignments.start(playground)));
      assertThat(session.modelKey()).isEqualTo(ModelKey.MODEL_A);
      assertThat(session.round()).isEqualTo(visit);
      assertThat(session.position()).isEqualTo(1);
      assertThat(given(tester.call(() -> assignments.start(playground))).id())
          .as("an open tuning session is resumed")
          .isEqualTo(session.id());
      assertThat(submit(tester, session.id(), EvaluationWorld.form(question, "better")))
          .isInstanceOf(SubmissionOutcome.Saved.class);
      int done = visit;
      assertThat(tester.call(() -> assignments.nextInRound(playground)))
          .as("after a submit, the next session waits for the tester's next visit")
          .isEqualTo(new Assignment.RoundComplete(done, done < 3));
      assertThat(world.sessions(playground, tester.id())).hasSize(visit);
    }

    assertThat(tester.call(() -> assignments.start(playground)))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
    assertThat(world.tester("other-tuner").call(() -> assignments.start(playground)))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.LIMIT_REACHED));
    assertThat(world.sessions(playground, tester.id()))
        .extracting(SessionRow::round, SessionRow::status)
        .containsExactly(tuple(1, "submitted"), tuple(2, "submitted"), tuple(3, "submitted"));
    assertThat(world.counter(playground, "model_a")).isEqualTo(3);
    assertThat(world.answersIn(playground)).isEqualTo(3);
  }

  @Test
  void shouldLetTestersEvaluateAnUnlimitedTuningModelAgainAndAgain() {
    UUID playground = world.tuningPlayground(null);
    Person tester = world.tester("tireless");

    for (int visit = 1; visit <= 5; visit++) {
      EvaluationSession session = given(tester.call(() -> assignments.start(playground)));
      assertThat(session.round()).isEqualTo(visit);
      assertThat(submit(tester, session.id(), Map.of()))
          .isInstanceOf(SubmissionOutcome.Saved.class);
    }

    assertThat(world.counter(playground, "model_a")).isEqualTo(5);
    assertThat(world.submitted(playground, "model_a")).isEqualTo(5);
  }

  @Test
  void shouldGiveNothingInAPlaygroundTheTesterMayNotSee() {
    Person outsider = world.tester("outsider");
    Person insider = world.tester("insider");
    UUID restricted = world.restrictedAbPlayground(List.of(insider.email()));
    UUID inactive = world.abPlayground(50, 50);
    world.deactivate(inactive);

    assertThat(outsider.call(() -> assignments.start(restricted)))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE));
    assertThat(outsider.call(() -> assignments.start(inactive)))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE));
    assertThat(outsider.call(() -> assignments.start(UUID.randomUUID())))
        .isEqualTo(new Assignment.Closed(Assignment.Reason.NOT_AVAILABLE));
    assertThat(world.sessionCount(restricted)).isZero();
    assertThat(world.sessionCount(inactive)).isZero();

    assertThat(insider.call(() -> assignments.start(restricted)))
        .isInstanceOf(Assignment.Given.class);
  }

  private List<ModelKey> firstModels(long seed, int testers) {
    randomness.seed(seed);
    UUID playground = world.abPlayground(100, 100);
    List<ModelKey> firsts = new ArrayList<>();
    for (Person tester : world.testers("seeded", testers)) {
      firsts.add(given(tester.call(() -> assignments.start(playground))).modelKey());
    }
    return firsts;
  }

  private void completeRound(Person tester, UUID playground) {
    EvaluationSession first = given(tester.call(() -> assignments.start(playground)));
    assertThat(submit(tester, first.id(), Map.of())).isInstanceOf(SubmissionOutcome.Saved.class);
    EvaluationSession second = given(tester.call(() -> assignments.nextInRound(playground)));
    assertThat(second.round()).isEqualTo(first.round());
    assertThat(second.modelKey()).isEqualTo(first.modelKey().other());
    assertThat(submit(tester, second.id(), Map.of())).isInstanceOf(SubmissionOutcome.Saved.class);
  }

  private SubmissionOutcome submit(Person tester, UUID session, Map<String, String> form) {
    return tester.call(() -> submissions.submit(session, form));
  }

  private static EvaluationSession given(Assignment assignment) {
    assertThat(assignment).isInstanceOf(Assignment.Given.class);
    return ((Assignment.Given) assignment).session();
  }
}
