package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.playground.ModelKey;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import com.earshot.support.StartingGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The limit is never exceeded (DESIGN.md, "A/B assignment, sessions and limits", 4): 200 testers,
 * each holding a session of a model that allows 50, submit at the same moment.
 */
@EarshotTest
class LimitUnderConcurrencyTests {

  static final int TESTERS = 200;
  static final int LIMIT = 50;

  @Autowired SubmissionService submissions;

  final EvaluationWorld world = new EvaluationWorld();

  @RepeatedTest(3)
  void shouldNeverExceedTheLimitUnderConcurrentSubmits() throws Exception {
    UUID playground = world.abPlayground(LIMIT, LIMIT);
    UUID verdict = world.select(playground, "model_a", "good", "bad");
    UUID comment = world.text(playground, null);
    List<Person> testers = world.testers("crowd", TESTERS);
    List<UUID> sessions = world.assignedSessions(playground, "model_a", testers);
    Map<String, String> form = EvaluationWorld.form(verdict, "good", comment, "Fine.");
    List<Callable<SubmissionOutcome>> submits = new ArrayList<>();
    for (int i = 0; i < TESTERS; i++) {
      Person tester = testers.get(i);
      UUID session = sessions.get(i);
      submits.add(() -> tester.call(() -> submissions.submit(session, form)));
    }

    List<SubmissionOutcome> outcomes = StartingGate.runAtOnce(submits, 60);

    assertThat(outcomes).filteredOn(SubmissionOutcome.Saved.class::isInstance).hasSize(LIMIT);
    assertThat(outcomes)
        .filteredOn(outcome -> !(outcome instanceof SubmissionOutcome.Saved))
        .hasSize(TESTERS - LIMIT)
        .allSatisfy(
            outcome ->
                assertThat(outcome)
                    .isInstanceOfSatisfying(
                        SubmissionOutcome.LimitReached.class,
                        limit -> {
                          assertThat(limit.lapsed()).isFalse();
                          assertThat(limit.answers())
                              .containsEntry(verdict.toString(), "good")
                              .containsEntry(comment.toString(), "Fine.");
                        }));
    assertThat(world.submitted(playground, "model_a")).isEqualTo(LIMIT);
    assertThat(world.counter(playground, "model_a")).isEqualTo(LIMIT);
    assertThat(world.counter(playground, "model_b")).isZero();
    assertThat(world.answersIn(playground)).isEqualTo(2L * LIMIT);
    assertThat(world.sessionsWithAnswers(playground))
        .as(
            "each saved session submitted with its answers, its tester's next agent assigned, the"
                + " others untouched")
        .isEqualTo(afterSubmits(sessions, outcomes, "submitted, 2 answers", ModelKey.MODEL_B));
  }

  /**
   * The sessions of a playground after {@code outcomes} of submitting {@code sessions}, as {@link
   * EvaluationWorld#sessionsWithAnswers} sums them up: each saved one {@code saved}, with its
   * tester's next agent (of {@code next}) assigned, for a submit also assigns that; the others
   * untouched.
   */
  static Map<UUID, String> afterSubmits(
      List<UUID> sessions, List<SubmissionOutcome> outcomes, String saved, ModelKey next) {
    Map<UUID, String> expected = new HashMap<>();
    for (int i = 0; i < sessions.size(); i++) {
      if (outcomes.get(i) instanceof SubmissionOutcome.Saved outcome) {
        EvaluationSession nextAgent = outcome.nextAgent().orElseThrow();
        assertThat(nextAgent.modelKey()).isEqualTo(next);
        expected.put(sessions.get(i), saved);
        expected.put(nextAgent.id(), "assigned, 0 answers");
      } else {
        expected.put(sessions.get(i), "assigned, 0 answers");
      }
    }
    return expected;
  }
}
