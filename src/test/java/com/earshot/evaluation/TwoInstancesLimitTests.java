package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.playground.ModelKey;
import com.earshot.support.Person;
import com.earshot.support.StartingGate;
import com.earshot.support.TwoInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The limit holds across app instances (DESIGN.md, "A/B assignment, sessions and limits", 4): two
 * Earshot instances, each with its own pool, on one database, take 200 simultaneous submits to a
 * model that allows 50, half each.
 */
class TwoInstancesLimitTests {

  static final int TESTERS = 200;
  static final int LIMIT = 50;

  static TwoInstances apps;

  final EvaluationWorld world = new EvaluationWorld();

  @BeforeAll
  static void startTwoInstances() {
    apps = TwoInstances.start();
  }

  @AfterAll
  static void stopThem() {
    if (apps != null) {
      apps.close();
    }
  }

  @RepeatedTest(2)
  void shouldNeverExceedTheLimitWhenTwoInstancesTakeTheSubmitsAtOnce() throws Exception {
    assertThat(apps.first().getBean(DataSource.class))
        .as("two instances, two pools")
        .isNotSameAs(apps.second().getBean(DataSource.class));
    List<SubmissionService> instances =
        List.of(
            apps.first().getBean(SubmissionService.class),
            apps.second().getBean(SubmissionService.class));
    UUID playground = world.abPlayground(LIMIT, LIMIT);
    UUID verdict = world.select(playground, null, "good", "bad");
    List<Person> testers = world.testers("two-instances", TESTERS);
    List<UUID> sessions = world.assignedSessions(playground, "model_b", testers);
    Map<String, String> form = EvaluationWorld.form(verdict, "bad");
    List<Callable<SubmissionOutcome>> submits = new ArrayList<>();
    for (int i = 0; i < TESTERS; i++) {
      Person tester = testers.get(i);
      UUID session = sessions.get(i);
      SubmissionService instance = instances.get(i % 2);
      submits.add(() -> tester.call(() -> instance.submit(session, form)));
    }

    List<SubmissionOutcome> outcomes = StartingGate.runAtOnce(submits, 60);

    assertThat(outcomes).filteredOn(SubmissionOutcome.Saved.class::isInstance).hasSize(LIMIT);
    assertThat(outcomes)
        .filteredOn(outcome -> !(outcome instanceof SubmissionOutcome.Saved))
        .hasSize(TESTERS - LIMIT)
        .allSatisfy(
            outcome -> assertThat(outcome).isInstanceOf(SubmissionOutcome.LimitReached.class));
    assertThat(world.submitted(playground, "model_b")).isEqualTo(LIMIT);
    assertThat(world.counter(playground, "model_b")).isEqualTo(LIMIT);
    assertThat(world.answersIn(playground)).isEqualTo(LIMIT);
    assertThat(world.sessionsWithAnswers(playground))
        .as(
            "each saved session submitted with its answers, its tester's next agent assigned, the"
                + " others untouched")
        .isEqualTo(
            LimitUnderConcurrencyTests.afterSubmits(
                sessions, outcomes, "submitted, 1 answers", ModelKey.MODEL_A));
  }
}
