package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import com.earshot.support.StartingGate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A repeated submit of the same session (a double click, a retry after a timeout) changes nothing
 * and shows the same outcome (DESIGN.md, "Submission", 4).
 */
@EarshotTest
class IdempotentSubmitTests {

  @Autowired SubmissionService submissions;

  final EvaluationWorld world = new EvaluationWorld();

  UUID playground;
  UUID verdict;
  UUID stars;
  Person tester;
  UUID session;

  @BeforeEach
  void aTesterWithAnAssignedSession() {
    playground = world.abPlayground(50, 50);
    verdict = world.select(playground, null, "good", "bad");
    stars = world.rating(playground, "model_b");
    tester = world.tester("double-clicker");
    session = world.fixtures.assignedSession(playground, tester.id(), "model_b");
  }

  @Test
  void shouldStoreOneSetOfAnswersWhenTheSameSubmitArrivesTwice() {
    SubmissionOutcome first = submit(EvaluationWorld.form(verdict, "good", stars, "4"));
    LocalDateTime submittedAt = submittedAt();
    SubmissionOutcome second = submit(EvaluationWorld.form(verdict, "bad", stars, "1"));

    for (SubmissionOutcome outcome : List.of(first, second)) {
      assertThat(outcome)
          .isInstanceOfSatisfying(
              SubmissionOutcome.Saved.class,
              saved -> {
                assertThat(saved.session().id()).isEqualTo(session);
                assertThat(saved.session().isSubmitted()).isTrue();
              });
    }
    assertThat(world.storedAnswers(session))
        .as("the first submit's answers, once")
        .containsOnly(Map.entry(verdict, "good"), Map.entry(stars, "4"));
    assertThat(world.counter(playground, "model_b")).isEqualTo(1);
    assertThat(world.counter(playground, "model_a")).isZero();
    assertThat(submittedAt()).isEqualTo(submittedAt);
  }

  @Test
  void shouldStoreOneSetOfAnswersWhenTheSameSubmitArrivesTenTimesAtOnce() throws Exception {
    Map<String, String> form = EvaluationWorld.form(verdict, "good", stars, "5");
    List<Callable<SubmissionOutcome>> clicks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clicks.add(() -> submit(form));
    }

    List<SubmissionOutcome> outcomes = StartingGate.runAtOnce(clicks, 30);

    assertThat(outcomes)
        .hasSize(10)
        .allSatisfy(
            outcome ->
                assertThat(outcome)
                    .isInstanceOfSatisfying(
                        SubmissionOutcome.Saved.class,
                        saved -> {
                          assertThat(saved.session().id()).isEqualTo(session);
                          assertThat(saved.session().isSubmitted())
                              .as("every caller is told the session is submitted")
                              .isTrue();
                        }));
    assertThat(world.answers(session)).isEqualTo(2);
    assertThat(world.storedAnswers(session))
        .containsOnly(Map.entry(verdict, "good"), Map.entry(stars, "5"));
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.counter(playground, "model_b")).isEqualTo(1);
  }

  private SubmissionOutcome submit(Map<String, String> form) {
    return tester.call(() -> submissions.submit(session, form));
  }

  private LocalDateTime submittedAt() {
    return world
        .db
        .sql("SELECT submitted_at FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query(LocalDateTime.class)
        .single();
  }
}
