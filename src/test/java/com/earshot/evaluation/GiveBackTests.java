package com.earshot.evaluation;

import static com.earshot.support.Fixtures.justNow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.evaluation.CallService.GiveBackReason;
import com.earshot.evaluation.FixedRandomness.SeededRandomness;
import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import com.earshot.support.StartingGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A tester is never stuck (DESIGN.md, "The call", 3): giving an agent back ends the session at
 * once, with its reason, and frees its slot for another tester, whether or not the playground wants
 * a call first; the next agent of the round is then the other one while it has room. Twice is once;
 * after a submit, it is refused and the answers stand.
 */
@EarshotTest
class GiveBackTests {

  @Autowired MockMvcTester mvc;
  @Autowired CallService calls;
  @Autowired SubmissionService submissions;
  @Autowired SeededRandomness coin;

  final EvaluationWorld world = new EvaluationWorld();

  @BeforeEach
  void aFreshCoin() {
    coin.seed(7); // forgets values forced and left undrawn
  }

  @Test
  void shouldEndTheSessionAtOnceAndFreeItsSlotEvenWhenACallIsRequired() {
    UUID playground = world.abPlayground(1, 1);
    world.fixtures.setCount(playground, "model_b", 1);
    world.requireCall(playground);
    Person tester = world.tester("stuck");
    Person next = world.tester("next");
    UUID session = start(tester, playground);
    assertThat(world.session(session).modelKey()).isEqualTo("model_a");
    assertThat(start(next, playground)).as("the only slot is reserved").isNull();

    MvcTestResult given = giveBack(tester, session, "widget_failed");

    assertThat(given).hasStatus(302);
    assertThat(Pages.location(given)).isEqualTo("/playgrounds/" + playground);
    Map<String, Object> row = row(session);
    assertThat(row)
        .containsEntry("status", "given_back")
        .containsEntry("given_back_reason", "widget_failed")
        .containsEntry("submitted_at", null);
    assertThat(row.get("given_back_at")).is(justNow());
    assertThat(world.counter(playground, "model_a")).isZero();
    UUID taken = start(next, playground);
    assertThat(taken).as("the slot is free again").isNotNull();
    assertThat(world.session(taken).modelKey()).isEqualTo("model_a");

    MvcTestResult page =
        mvc.get()
            .uri(Pages.location(given))
            .cookie(given.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(Pages.text(page))
        .contains("You gave the agent back: its place is free for another tester.")
        .as("the other tester took the slot")
        .contains("This playground has all the evaluations it needs for now.");
    assertThat(mvc.get().uri("/sessions/{id}", session).with(tester.signedIn()))
        .as("a given-back session is over")
        .hasStatus(302);
  }

  @Test
  void shouldGiveBackOnceWhenAskedTwiceOrTenTimesAtOnce() throws Exception {
    UUID playground = world.abPlayground(50, 50);
    Person tester = world.tester("twice");
    UUID session = world.fixtures.assignedSession(playground, tester.id(), "model_b");

    assertThat(giveBack(tester, session, "tester_choice")).hasStatus(302);
    Object first = row(session).get("given_back_at");
    assertThat(giveBack(tester, session, "widget_failed")).hasStatus(302);
    assertThat(row(session))
        .containsEntry("given_back_at", first)
        .containsEntry("given_back_reason", "tester_choice");

    UUID another = world.fixtures.assignedSession(playground, tester.id(), "model_a");
    List<Callable<EvaluationSession>> clicks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clicks.add(() -> tester.call(() -> calls.giveBack(another, GiveBackReason.TESTER_CHOICE)));
    }
    assertThat(StartingGate.runAtOnce(clicks, 30))
        .allSatisfy(outcome -> assertThat(outcome.isGivenBack()).isTrue());
    assertThat(row(another)).containsEntry("status", "given_back");
  }

  @Test
  void shouldRefuseAfterASubmitWithAClearMessageAndKeepTheAnswers() {
    UUID playground = world.abPlayground(50, 50);
    UUID verdict = world.select(playground, null, "good", "bad");
    Person tester = world.tester("done");
    UUID session = world.fixtures.assignedSession(playground, tester.id(), "model_a");
    assertThat(
            tester.call(() -> submissions.submit(session, EvaluationWorld.form(verdict, "good"))))
        .isInstanceOf(SubmissionOutcome.Saved.class);

    MvcTestResult refused = giveBack(tester, session, "tester_choice");

    assertThat(refused).hasStatus(409);
    assertThat(Pages.text(refused))
        .contains(
            "Your answers about this agent are already submitted, so it cannot be given back.");
    assertThat(row(session))
        .containsEntry("status", "submitted")
        .containsEntry("given_back_at", null);
    assertThat(world.answers(session)).isEqualTo(1);
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
  }

  @Test
  void shouldSaveNothingFromASubmitAfterTheAgentWasGivenBack() {
    UUID playground = world.abPlayground(50, 50);
    UUID verdict = world.select(playground, null, "good", "bad");
    Person tester = world.tester("two-tabs");
    UUID session = world.fixtures.assignedSession(playground, tester.id(), "model_a");
    assertThat(giveBack(tester, session, "tester_choice")).hasStatus(302);

    SubmissionOutcome outcome =
        tester.call(() -> submissions.submit(session, EvaluationWorld.form(verdict, "good")));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            SubmissionOutcome.Invalid.class,
            invalid -> {
              assertThat(invalid.message())
                  .isEqualTo(
                      "You gave this agent back, so these answers cannot be saved. Open the"
                          + " playground to meet the next agent.");
              assertThat(invalid.answers()).containsEntry(verdict.toString(), "good");
            });
    assertThat(world.answers(session)).isZero();
    assertThat(world.counter(playground, "model_a")).isZero();
    assertThat(world.status(session)).isEqualTo("given_back");
  }

  /** A give-back and a submit of the same session racing: one wins, wholly; never both. */
  @Test
  void shouldLetEitherTheSubmitOrTheGiveBackWinARaceNeverBoth() throws Exception {
    UUID playground = world.abPlayground(50, 50);
    UUID verdict = world.select(playground, null, "good", "bad");
    List<Person> testers = world.testers("racer", 8);
    List<UUID> sessions = world.assignedSessions(playground, "model_b", testers);
    List<Callable<Object>> tasks = new ArrayList<>();
    for (int i = 0; i < testers.size(); i++) {
      Person tester = testers.get(i);
      UUID session = sessions.get(i);
      tasks.add(() -> tester.call(() -> calls.giveBack(session, GiveBackReason.TESTER_CHOICE)));
      tasks.add(
          () ->
              tester.call(() -> submissions.submit(session, EvaluationWorld.form(verdict, "bad"))));
    }

    StartingGate.runAtOnce(tasks, 60);

    int submittedCount = 0;
    for (UUID session : sessions) {
      Map<String, Object> row = row(session);
      if ("submitted".equals(row.get("status"))) {
        submittedCount++;
        assertThat(row.get("given_back_at")).isNull();
        assertThat(world.answers(session)).isEqualTo(1);
      } else {
        assertThat(row).containsEntry("status", "given_back").containsEntry("submitted_at", null);
        assertThat(world.answers(session)).isZero();
      }
    }
    assertThat(world.counter(playground, "model_b"))
        .as("the counter counts exactly the submitted ones")
        .isEqualTo(submittedCount);
  }

  @Test
  void shouldOfferTheOtherAgentNextWhileItHasRoom() {
    UUID playground = world.abPlayground(50, 50);
    Person tester = world.tester("picky");
    coin.force(0); // the coin picks model A
    UUID first = start(tester, playground);
    assertThat(world.session(first).modelKey()).isEqualTo("model_a");
    assertThat(giveBack(tester, first, "widget_failed")).hasStatus(302);

    coin.force(0); // the coin would pick A again, were it asked
    UUID second = start(tester, playground);

    assertThat(world.session(second))
        .satisfies(
            session -> {
              assertThat(session.modelKey()).as("the other agent first").isEqualTo("model_b");
              assertThat(session.position()).isEqualTo(1);
              assertThat(session.round()).isEqualTo(1);
            });
  }

  @Test
  void shouldOfferTheAgentGivenBackAgainWhenTheOtherHasNoRoom() {
    UUID playground = world.abPlayground(50, 1);
    Person tester = world.tester("patient");
    coin.force(0);
    UUID first = start(tester, playground);
    assertThat(world.session(first).modelKey()).isEqualTo("model_a");
    assertThat(giveBack(tester, first, "widget_failed")).hasStatus(302);
    Person holder = world.tester("holder");
    coin.force(1); // B, whose only slot the holder now reserves
    assertThat(world.session(start(holder, playground)).modelKey()).isEqualTo("model_b");

    UUID second = start(tester, playground);

    assertThat(world.session(second).modelKey()).isEqualTo("model_a");
  }

  // --- requests ---------------------------------------------------------------------------------

  /** The tester's session after pressing Start, or null when the playground had none to give. */
  private UUID start(Person tester, UUID playground) {
    MvcTestResult started =
        mvc.post()
            .uri("/playgrounds/{id}/start", playground)
            .with(csrf())
            .with(tester.signedIn())
            .exchange();
    String location = Pages.location(started);
    return location.startsWith("/sessions/")
        ? UUID.fromString(location.substring("/sessions/".length()))
        : null;
  }

  private MvcTestResult giveBack(Person tester, UUID session, String reason) {
    return mvc.post()
        .uri("/sessions/{id}/give-back", session)
        .param("reason", reason)
        .with(csrf())
        .with(tester.signedIn())
        .exchange();
  }

  private Map<String, Object> row(UUID session) {
    return world
        .db
        .sql(
            """
            SELECT status::text AS status, given_back_at, given_back_reason, submitted_at
            FROM evaluation_sessions WHERE id = ?
            """)
        .param(session)
        .query()
        .singleRow();
  }
}
