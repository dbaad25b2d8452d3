package com.earshot.evaluation;

import static com.earshot.support.Fixtures.justNow;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserJourney;
import com.earshot.support.ElevenLabsInBrowser;
import com.earshot.support.ElevenLabsInBrowser.Call;
import com.earshot.support.ElevenLabsInBrowser.ConfigAnswer;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.earshot.support.TestDatabase;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evaluating, as a tester does it: in Chromium, signed in through the real pages, talking to the
 * agent through ElevenLabs' real widget under Earshot's real Content-Security-Policy (ElevenLabs
 * itself answered by {@link ElevenLabsInBrowser}) and answering the form, blind: never a model's
 * name or key on the page. Each step is checked on the page and in the database. The tests are
 * independent; the order only numbers the screenshots in story order.
 */
@BrowserJourney
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationJourneyTests {

  private static final String NATURAL = "How natural did the agent sound?";
  private static final String ANYTHING_ELSE = "Anything else we should know?";
  private static final Map<String, String> ASKED_ONLY_ABOUT =
      Map.of(
          "model_a", "How well did it understand your booking?",
          "model_b", "How quickly did it confirm the booking?");
  private static final Map<String, String> AGENT_IDS =
      Map.of("model_a", "agent_7kq2rjw9tx", "model_b", "agent_3mz8xpl4vc");
  private static final Map<String, String> MODEL_NAMES =
      Map.of("model_a", "Falcon prompt v7", "model_b", "Heron prompt v3");

  private final JdbcClient database = TestDatabase.superuserJdbc();

  @Test
  @Order(1)
  void aTesterEvaluatesBothAgentsBlindAndASecondTesterFindsTheLimitReached(Journey journey) {
    // The submit with an answer missing comes back as a 400 page, which Chromium logs.
    journey.allowConsoleErrors("status of 400");
    Playground playground = abPlayground(false);
    Page tester = journey.page();
    String email = Fixtures.uniqueEmail("tester");

    journey.signIn(tester, email);
    Locator card = card(tester, playground.name());
    assertState(card, "New");
    assertThat(card).containsText("Talk to two agents and tell us how they did.");
    assertThat(card).containsText("Book a table for two on Friday at 8 pm.");
    journey.step(tester, "the tester's home");

    card.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Start")).click();
    assertThat(heading(tester, playground.name())).isVisible();
    assertThat(tester.getByRole(AriaRole.MAIN))
        .containsText("You will talk to two agents, one after the other");
    assertThat(heading(tester, "Your scenario")).isVisible();
    journey.step(tester, "the playground's front page");
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();

    // Agent 1: the widget, built from the parsed embed code, and the form for its model.
    assertThat(tester).hasURL(Pattern.compile(".*/sessions/[0-9a-f-]{36}$"));
    UUID first = sessionIn(tester);
    Map<String, Object> firstRow = session(first);
    String firstModel = (String) firstRow.get("model_key");
    String secondModel = firstModel.equals("model_a") ? "model_b" : "model_a";
    assertThat(firstRow)
        .containsEntry("status", "assigned")
        .containsEntry("round_number", 1)
        .containsEntry("position", 1)
        .containsEntry("call_started_at", null);
    assertThat(tester.getByText("Round 1 · Agent 1 of 2")).isVisible();
    assertThat(heading(tester, "Agent 1 of 2")).isVisible();
    assertThat(tester.locator("elevenlabs-convai"))
        .hasAttribute("agent-id", AGENT_IDS.get(firstModel));
    // An opaque reference of the session, never the tester's email or id.
    assertThat(tester.locator("elevenlabs-convai"))
        .hasAttribute("user-id", firstRow.get("call_reference").toString());
    assertWidgetInTheCard(tester);
    assertQuestions(tester, NATURAL, ANYTHING_ELSE, ASKED_ONLY_ABOUT.get(firstModel));
    assertBlind(tester);
    journey.step(tester, "agent 1 before the call");

    // The call, with ElevenLabs' widget: the page tells Earshot its start, its conversation id
    // and its end; ElevenLabs learns the session's reference and nothing of the tester.
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    Call firstCall = elevenLabs.startCall(tester);
    assertThat(firstCall.agentId()).isEqualTo(AGENT_IDS.get(firstModel));
    assertThat(firstCall.userId()).isEqualTo(firstRow.get("call_reference").toString());
    eventually(tester, () -> session(first).get("conversation_id") != null);
    assertThat(session(first))
        .containsEntry("conversation_id", firstCall.conversationId())
        .containsEntry("call_ended_at", null);
    assertThat(session(first).get("call_started_at")).is(justNow());
    journey.step(tester, "agent 1 in a call");
    elevenLabs.endCall(tester);
    eventually(tester, () -> session(first).get("call_ended_at") != null);
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();
    journey.step(tester, "agent 1 after the call");

    // A required answer missing: the error at its question, the other answers kept.
    tester.getByLabel(ANYTHING_ELSE).fill("It repeated the date twice.");
    rate(tester, 4);
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.getByRole(AriaRole.ALERT)).hasText("Some answers need your attention.");
    assertThat(question(tester, NATURAL)).containsText("Please choose an answer.");
    assertThat(question(tester, NATURAL).getByLabel("Very natural"))
        .hasClass(Pattern.compile("\\bis-invalid\\b"));
    assertThat(question(tester, ANYTHING_ELSE).locator(".invalid-feedback")).hasCount(0);
    assertThat(tester.getByLabel(ANYTHING_ELSE)).hasValue("It repeated the date twice.");
    assertThat(tester.getByRole(AriaRole.RADIO, name("4 of 5"))).isChecked();
    assertThat(tester.getByText("Round 1 · Agent 1 of 2")).isVisible();
    assertBlind(tester);
    journey.step(tester, "a required answer missing");
    assertThat(session(first).get("status")).isEqualTo("assigned");
    assertThat(answersIn(first)).isEmpty();
    assertThat(count(playground.id(), firstModel)).isZero();

    // Agent 1 done: Agent 2 is the other model.
    tester.getByLabel("Very natural").check();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.getByRole(AriaRole.STATUS).getByText("Thank you!"))
        .hasText("Thank you! Now meet Agent 2 of 2.");
    assertThat(tester.getByText("Round 1 · Agent 2 of 2")).isVisible();
    assertThat(heading(tester, "Agent 2 of 2")).isVisible();
    UUID second = sessionIn(tester);
    assertThat(second).isNotEqualTo(first);
    assertThat(tester.locator("elevenlabs-convai"))
        .hasAttribute("agent-id", AGENT_IDS.get(secondModel));
    assertQuestions(tester, NATURAL, ANYTHING_ELSE, ASKED_ONLY_ABOUT.get(secondModel));
    assertThat(tester.getByLabel("Very natural")).not().isChecked();
    assertBlind(tester);
    journey.step(tester, "agent 2");

    assertThat(session(first).get("status")).isEqualTo("submitted");
    assertThat(answersIn(first))
        .containsExactlyInAnyOrder(
            List.of(NATURAL, "value", "very_natural"),
            List.of(ANYTHING_ELSE, "text", "It repeated the date twice."),
            List.of(ASKED_ONLY_ABOUT.get(firstModel), "rating", "4"));
    assertThat(count(playground.id(), firstModel)).isOne();
    assertThat(session(second))
        .containsEntry("model_key", secondModel)
        .containsEntry("status", "assigned")
        .containsEntry("round_number", 1)
        .containsEntry("position", 2);

    // No call with Agent 2 yet: a warning first; then the call, and the submit.
    tester.getByLabel("Robotic").check();
    rate(tester, 2);
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(tester.getByText("You have not started a call with the agent yet. Submit anyway?"))
        .isVisible();
    assertThat(tester).hasURL(journey.url("/sessions/" + second));
    journey.step(tester, "agent 2 without a call warns once");
    assertThat(session(second).get("status")).isEqualTo("assigned");
    assertThat(tester.locator("elevenlabs-convai"))
        .hasAttribute("user-id", session(second).get("call_reference").toString());
    Call secondCall = elevenLabs.startCall(tester);
    assertThat(secondCall.agentId()).isEqualTo(AGENT_IDS.get(secondModel));
    assertThat(secondCall.userId()).isEqualTo(session(second).get("call_reference").toString());
    assertThat(tester.getByText("You have not started a call with the agent yet.")).isHidden();
    journey.step(tester, "agent 2 in a call");
    elevenLabs.endCall(tester);
    eventually(tester, () -> session(second).get("call_ended_at") != null);
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();

    // The round is complete; both models are full now.
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground.id()));
    assertThat(tester.getByRole(AriaRole.STATUS)).containsText("You have finished — thank you.");
    assertThat(tester.getByRole(AriaRole.MAIN))
        .containsText("This playground has all the evaluations it needs for now.");
    assertThat(tester.getByRole(AriaRole.BUTTON, name("Start another round"))).hasCount(0);
    assertBlind(tester);
    journey.step(tester, "round complete");
    assertThat(session(second))
        .containsEntry("status", "submitted")
        .containsEntry("conversation_id", secondCall.conversationId());
    assertThat(session(first))
        .as("each session holds its own call")
        .containsEntry("conversation_id", firstCall.conversationId());
    assertThat(elevenLabs.calls()).hasSize(2);
    assertThat(answersIn(second))
        .containsExactlyInAnyOrder(
            List.of(NATURAL, "value", "robotic"),
            List.of(ASKED_ONLY_ABOUT.get(secondModel), "rating", "2"));
    assertThat(count(playground.id(), "model_a")).isOne();
    assertThat(count(playground.id(), "model_b")).isOne();

    // A second tester: the limit is reached, and nothing is reserved for them.
    Page latecomer = journey.anotherBrowser();
    String latecomerEmail = Fixtures.uniqueEmail("latecomer");
    journey.signIn(latecomer, latecomerEmail);
    Locator closed = card(latecomer, playground.name());
    assertState(closed, "Closed: limit reached");
    journey.step(latecomer, "a second tester's home");
    closed.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open")).click();
    assertThat(latecomer.getByRole(AriaRole.MAIN))
        .containsText(
            "This playground has all the evaluations it needs for now. Thank you for your"
                + " interest.");
    assertThat(latecomer.getByRole(AriaRole.BUTTON, name("Start"))).hasCount(0);
    assertBlind(latecomer);
    journey.step(latecomer, "a second tester meets the limit");
    assertThat(sessionsOf(playground.id(), latecomerEmail)).isZero();
    assertThat(sessionsOf(playground.id(), email)).isEqualTo(2);
  }

  @Test
  @Order(2)
  void whenThePlaygroundRequiresACallTheFormOpensOnlyOnceTheCallStartedOnAPhoneToo(
      Journey journey) {
    Playground playground = abPlayground(true);
    Page tester = journey.phone();
    journey.signIn(tester, Fixtures.uniqueEmail("caller"));

    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    assertThat(tester).hasURL(Pattern.compile(".*/sessions/[0-9a-f-]{36}$"));
    UUID first = sessionIn(tester);
    Locator needed =
        tester.getByText("Start a call with the agent above; the questions open once you have.");
    assertThat(needed).isVisible();
    assertThat(tester.getByLabel("Very natural")).isDisabled();
    assertThat(tester.getByLabel(ANYTHING_ELSE)).isDisabled();
    assertThat(tester.getByRole(AriaRole.BUTTON, name("Submit"))).isDisabled();
    assertThat(fitsTheScreenWidth(tester)).as("no sideways scrolling").isTrue();
    journey.step(tester, "the form waits for the call");
    assertThat(session(first).get("call_started_at")).isNull();

    assertWidgetInTheCard(tester);
    Call call = journey.elevenLabs(tester).startCall(tester);
    assertThat(needed).isHidden();
    assertThat(tester.getByLabel("Very natural")).isEnabled();
    assertThat(tester.getByRole(AriaRole.BUTTON, name("Submit"))).isEnabled();
    eventually(tester, () -> call.conversationId().equals(session(first).get("conversation_id")));
    assertThat(session(first).get("call_started_at")).is(justNow());
    assertThat(fitsTheScreenWidth(tester)).as("no sideways scrolling in a call").isTrue();
    journey.step(tester, "the call opens the form");
    journey.elevenLabs(tester).endCall(tester);
    eventually(tester, () -> session(first).get("call_ended_at") != null);
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();

    tester.getByLabel("Very natural").check();
    rate(tester, 5);
    tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    assertThat(heading(tester, "Agent 2 of 2")).isVisible();
    assertThat(needed).isVisible();
    assertThat(tester.getByRole(AriaRole.BUTTON, name("Submit"))).isDisabled();
    assertThat(session(first).get("status")).isEqualTo("submitted");
    journey.step(tester, "agent 2 waits for its own call");
  }

  @Test
  @Order(3)
  void aTesterWhoseWidgetCannotLoadIsToldPlainlyAndGivesTheAgentBackInOneClick(Journey journey) {
    // ElevenLabs knows neither agent, at first: the widget renders nothing, and says nothing.
    journey.allowConsoleErrors("status of 404");
    journey.allowConsoleErrors("Cannot fetch config for agent");
    Playground playground = abPlayground(true);
    Page tester = journey.page();
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    String unknown = "{\"detail\":{\"status\":\"not_found\",\"message\":\"Agent not found\"}}";
    AGENT_IDS
        .values()
        .forEach(agent -> elevenLabs.answerConfig(agent, ConfigAnswer.status(404, unknown)));
    journey.signIn(tester, Fixtures.uniqueEmail("unlucky"));
    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    UUID first = sessionIn(tester);
    String firstModel = (String) session(first).get("model_key");

    Locator failed = tester.getByRole(AriaRole.ALERT).filter(hasText("could not be loaded"));
    assertThat(failed)
        .containsText("The agent could not be loaded. Reload, or give this agent back.");
    assertThat(
            failed.getByRole(
                AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Give this agent back")))
        .isVisible();
    assertThat(tester.getByText("Loading the agent…")).isHidden();
    assertThat(tester.getByLabel("Very natural")).isDisabled();
    assertThat(tester.getByText("You have not started a call")).isHidden();
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();
    journey.step(tester, "the agent could not be loaded");
    eventually(tester, () -> "not_found".equals(trouble(first).get("widget_failure")));
    assertThat(reserved(playground.id(), firstModel)).isOne();

    // One click: the session ends, its slot is free, the reason is kept.
    String secondModel = firstModel.equals("model_a") ? "model_b" : "model_a";
    elevenLabs.answerConfig(AGENT_IDS.get(secondModel), ConfigAnswer.widget());
    failed
        .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Give this agent back"))
        .click();
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground.id()));
    assertThat(tester.getByText("You gave the agent back: its place is free for another tester."))
        .isVisible();
    journey.step(tester, "the agent given back");
    assertThat(trouble(first))
        .containsEntry("status", "given_back")
        .containsEntry("given_back_reason", "widget_failed");
    assertThat(reserved(playground.id(), firstModel)).as("the slot is free again").isZero();

    // The next agent is the other one, and it loads.
    tester.getByRole(AriaRole.BUTTON, name("Continue")).click();
    UUID second = sessionIn(tester);
    assertThat(session(second))
        .containsEntry("model_key", secondModel)
        .containsEntry("position", 1);
    assertThat(heading(tester, "Agent 1 of 2")).isVisible();
    assertWidgetInTheCard(tester);
    journey.step(tester, "the other agent loads");
  }

  @Test
  @Order(4)
  void aSlowWidgetShowsItsLoadingStateThenTakesOverOnAPhone(Journey journey) {
    Playground playground = abPlayground(false);
    Page tester = journey.phone();
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    AGENT_IDS.values().forEach(agent -> elevenLabs.answerConfig(agent, ConfigAnswer.heldBack()));
    journey.signIn(tester, Fixtures.uniqueEmail("patient"));
    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    UUID session = sessionIn(tester);

    assertThat(tester.getByText("Loading the agent…")).isVisible();
    assertThat(ElevenLabsInBrowser.widgetButton(tester, "Start a call")).isHidden();
    journey.step(tester, "the agent loading");
    // The widget has no timeout of its own; the page's (8 s by default) runs out.
    Locator failed =
        tester.getByText("The agent could not be loaded. Reload, or give this agent back.");
    assertThat(failed).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(12_000));
    assertThat(fitsTheScreenWidth(tester)).isTrue();
    journey.step(tester, "the agent not loaded in time");

    // Ten seconds in, ElevenLabs answers: the widget appears, and the message goes.
    elevenLabs.releaseHeldConfigs();
    assertThat(ElevenLabsInBrowser.widgetButton(tester, "Start a call")).isVisible();
    assertThat(failed).isHidden();
    assertWidgetInTheCard(tester);
    Call call = elevenLabs.startCall(tester);
    eventually(tester, () -> call.conversationId().equals(session(session).get("conversation_id")));
    journey.step(tester, "the slow agent in a call");
    assertThat(trouble(session))
        .as("counted as a widget that did not load in time")
        .containsEntry("widget_failure", "not_rendered");
  }

  @Test
  @Order(5)
  void aCallThatDropsIsRecordedAndTheTesterReportsItKeepingTheirAnswers(Journey journey) {
    // The agent's side closes the call with an error: the widget says so, and logs it.
    journey.allowConsoleErrors("Disconnected due to an error");
    journey.allowConsoleErrors("status of 400");
    Playground playground = abPlayground(false);
    Page tester = journey.page();
    journey.signIn(tester, Fixtures.uniqueEmail("dropped"));
    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    UUID session = sessionIn(tester);
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    Call call = elevenLabs.startCall(tester);
    tester.getByLabel(ANYTHING_ELSE).fill("It was going well until it hung up.");

    elevenLabs.hangUp(1011, "Internal server error");
    assertThat(tester.locator("elevenlabs-convai")).containsText("Internal server error");
    eventually(tester, () -> session(session).get("call_ended_at") != null);
    assertThat(session(session)).containsEntry("conversation_id", call.conversationId());
    journey.step(tester, "the call dropped");

    // The report: too long first (the message at the field, the text kept), then saved in place.
    tester.getByText("Report a problem with the call").click();
    tester.getByLabel("The call dropped or would not connect").check();
    String tooLong = "It hung up. ".repeat(90);
    tester.getByLabel("In your words (optional)").fill(tooLong);
    tester.getByRole(AriaRole.BUTTON, name("Send the report")).click();
    assertThat(tester.locator("#problem-details-error"))
        .hasText("At most 1000 characters (this has " + tooLong.strip().length() + ").");
    assertThat(tester.getByLabel("In your words (optional)")).hasValue(tooLong);
    assertThat(tester.getByLabel("The call dropped or would not connect")).isChecked();
    journey.step(tester, "a report too long");
    tester.getByLabel("In your words (optional)").fill("It hung up after a minute.");
    tester.getByRole(AriaRole.BUTTON, name("Send the report")).click();
    assertThat(tester.getByText("Thank you: your report is saved with this session.")).isVisible();
    assertThat(tester.getByLabel(ANYTHING_ELSE)).hasValue("It was going well until it hung up.");
    journey.step(tester, "the problem reported");
    assertThat(trouble(session))
        .containsEntry("problem_reason", "call_dropped")
        .containsEntry("problem_details", "It hung up after a minute.")
        .containsEntry("status", "assigned");
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();

    // The playground's admin sees it: counted per model, and on the session.
    String model = (String) session(session).get("model_key");
    Page admin = journey.anotherBrowser();
    journey.signIn(admin, ownerOf(playground.id()));
    admin.navigate("/manage/playgrounds/" + playground.id() + "/insights");
    assertThat(admin.locator("[data-metric=problems-" + model + "]")).hasText("1");
    assertThat(admin.locator("[data-metric=given-back-" + model + "]")).hasText("0");
    journey.step(admin, "the admin sees the problem counted");
    admin.navigate("/manage/playgrounds/" + playground.id() + "/sessions/" + session);
    assertThat(admin.locator("#session-problem"))
        .hasText("The call dropped or would not connect It hung up after a minute.");
    assertThat(admin.locator("#session-facts")).containsText(call.conversationId());
    journey.step(admin, "the admin reads the problem on the session");
  }

  @Test
  @Order(6)
  void afterBothAgentsTheTesterSaysWhichTheyWouldRatherTalkToAgainByPositionOnly(Journey journey) {
    // The save with no answer chosen comes back as a 400 page, which Chromium logs.
    journey.allowConsoleErrors("status of 400");
    Playground playground = abPlayground(false);
    database
        .sql("UPDATE playgrounds SET asks_preference = true WHERE id = ?")
        .param(playground.id())
        .update();
    Page tester = journey.page();
    journey.signIn(tester, Fixtures.uniqueEmail("preferring"));
    tester.navigate("/playgrounds/" + playground.id());
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    UUID first = sessionIn(tester);
    String firstModel = (String) session(first).get("model_key");
    String secondModel = firstModel.equals("model_a") ? "model_b" : "model_a";
    for (int agent = 1; agent <= 2; agent++) {
      assertThat(heading(tester, "Agent " + agent + " of 2")).isVisible();
      UUID current = sessionIn(tester);
      elevenLabs.startCall(tester);
      elevenLabs.endCall(tester);
      eventually(tester, () -> session(current).get("call_ended_at") != null);
      tester.getByLabel("Very natural").check();
      rate(tester, agent == 1 ? 3 : 5);
      tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    }

    // The Done step: the question, by the order the tester met the agents.
    assertThat(tester).hasURL(Pattern.compile(".*/sessions/[0-9a-f-]{36}/preference$"));
    assertThat(tester.getByRole(AriaRole.STATUS))
        .containsText("Your answers about both agents are saved.");
    Locator question =
        tester.getByRole(AriaRole.GROUP, name("Which agent would you rather talk to again?"));
    assertThat(question.getByRole(AriaRole.RADIO)).hasCount(4);
    assertThat(tester.locator(".stepper-step.current")).containsText("Done");
    assertBlind(tester);
    journey.step(tester, "which agent again");

    tester.getByLabel("Why? (optional)").fill("It confirmed the booking at once.");
    tester.getByRole(AriaRole.BUTTON, name("Save my answer")).click();
    assertThat(tester.getByRole(AriaRole.ALERT)).hasText("Your answer needs your attention.");
    assertThat(tester.getByText("Choose one of the answers, or skip this question.")).isVisible();
    assertThat(tester.getByLabel("Why? (optional)")).hasValue("It confirmed the booking at once.");
    journey.step(tester, "which agent again, not chosen");

    tester.getByLabel("Agent 2").check();
    tester.getByRole(AriaRole.BUTTON, name("Save my answer")).click();
    assertThat(tester).hasURL(journey.url("/playgrounds/" + playground.id()));
    assertThat(tester.getByRole(AriaRole.STATUS)).containsText("You have finished — thank you.");
    journey.step(tester, "round complete after the preference");
    Map<String, Object> stored =
        database
            .sql("SELECT * FROM preferences WHERE playground_id = ?")
            .param(playground.id())
            .query()
            .singleRow();
    assertThat(stored)
        .containsEntry("verdict", "second")
        .containsEntry("preferred_model_key", secondModel)
        .containsEntry("first_model_key", firstModel)
        .containsEntry("reason", "It confirmed the booking at once.");
  }

  // --- the world the testers meet -------------------------------------------------------------

  record Playground(UUID id, String name) {}

  /**
   * An active, public A/B playground whose models take one evaluation each: a choice and a free
   * text for both, and a rating per model.
   */
  private Playground abPlayground(boolean requireCall) {
    Fixtures fixtures = new Fixtures(database);
    UUID id = fixtures.playground(fixtures.admin("owner"), "ab_testing", true, null);
    String name = "Table booking " + id.toString().substring(0, 8);
    database
        .sql("UPDATE playgrounds SET name = ?, support_text = ?, require_call = ? WHERE id = ?")
        .params(
            name,
            "<h2>Your scenario</h2><p>Book a table for two on Friday at 8 pm.</p>",
            requireCall,
            id)
        .update();
    for (String model : List.of("model_a", "model_b")) {
      database
          .sql(
              """
              UPDATE model_configurations SET model_name = ?, embed_code = ?, max_evaluations = 1
              WHERE playground_id = ? AND model_key = ?
              """)
          .params(MODEL_NAMES.get(model), AGENT_IDS.get(model), id, model)
          .update();
    }
    question(
        id,
        null,
        NATURAL,
        "select",
        "[{\"label\":\"Very natural\",\"value\":\"very_natural\"},"
            + "{\"label\":\"Robotic\",\"value\":\"robotic\"}]",
        true);
    question(id, null, ANYTHING_ELSE, "input_string", null, false);
    question(id, "model_a", ASKED_ONLY_ABOUT.get("model_a"), "rating", null, true);
    question(id, "model_b", ASKED_ONLY_ABOUT.get("model_b"), "rating", null, true);
    return new Playground(id, name);
  }

  private void question(
      UUID playground, String model, String text, String type, String options, boolean required) {
    database
        .sql(
            """
            INSERT INTO questions
              (playground_id, model_key, question_text, question_type, options, required,
               order_index)
            VALUES (?, ?, ?, ?::question_type, ?::jsonb, ?,
                    (SELECT count(*) FROM questions WHERE playground_id = ?))
            """)
        .params(playground, model, text, type, options, required, playground)
        .update();
  }

  // --- what the tester does and sees ----------------------------------------------------------

  /** Presses a button of the 1–5 scale (radio buttons drawn as buttons: the label is pressed). */
  private static void rate(Page tester, int rating) {
    tester
        .locator(".rating-scale label")
        .getByText(String.valueOf(rating), new Locator.GetByTextOptions().setExact(true))
        .click();
    assertThat(
            tester.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName(rating + " of 5")))
        .isChecked();
  }

  private static Locator card(Page tester, String playground) {
    return tester
        .getByRole(AriaRole.ARTICLE)
        .filter(new Locator.FilterOptions().setHas(heading(tester, playground)));
  }

  /** The card's state badge says {@code state}, and can be seen: its colours differ. */
  private static void assertState(Locator card, String state) {
    Locator badge = card.locator(".badge.state");
    assertThat(badge).hasText(state);
    assertThat(
            badge.evaluate(
                "badge => getComputedStyle(badge).color !== getComputedStyle(badge).backgroundColor"
                    + " && getComputedStyle(badge).backgroundColor !== 'rgba(0, 0, 0, 0)'"))
        .as("the badge \"%s\" stands out from the page", state)
        .isEqualTo(true);
  }

  private static Locator question(Page tester, String text) {
    return tester
        .locator("fieldset.question")
        .filter(new Locator.FilterOptions().setHas(tester.locator("legend").getByText(text)));
  }

  /** The form asks exactly these questions, in this order. */
  private static void assertQuestions(Page tester, String... questions) {
    Locator legends = tester.locator("form.evaluation-form legend");
    String[] numbered = new String[questions.length];
    for (int i = 0; i < questions.length; i++) {
      numbered[i] = (i + 1) + ". " + questions[i];
    }
    assertThat(legends).hasCount(questions.length);
    assertThat(legends).containsText(numbered);
  }

  /** Nothing on the page, seen or in its source, tells which model this is. */
  private static void assertBlind(Page tester) {
    String html = tester.content();
    String text = tester.locator("body").innerText();
    for (String page : List.of(html, text)) {
      assertThat(page)
          .doesNotContainIgnoringCase("model_a")
          .doesNotContainIgnoringCase("model_b")
          .doesNotContainIgnoringCase("model a")
          .doesNotContainIgnoringCase("model b")
          .doesNotContain(MODEL_NAMES.get("model_a"))
          .doesNotContain(MODEL_NAMES.get("model_b"));
    }
  }

  private static Locator heading(Page page, String text) {
    return page.getByRole(AriaRole.HEADING, name(text));
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }

  /**
   * ElevenLabs' widget shows its call button, inside the agent's card (not floating in a corner of
   * the window), and the page's policy refused nothing of it.
   */
  private static void assertWidgetInTheCard(Page tester) {
    assertThat(ElevenLabsInBrowser.widgetButton(tester, "Start a call")).isVisible();
    assertThat(tester.getByText("Loading the agent…")).isHidden();
    Object inside =
        tester.evaluate(
            """
            () => {
              const card = document.querySelector("section.agent").getBoundingClientRect();
              const host = document.querySelector("elevenlabs-convai").getBoundingClientRect();
              const button = [...document.querySelector("elevenlabs-convai").shadowRoot
                  .querySelectorAll("button")].find(b => b.getAttribute("aria-label") === "Start a call")
                  .getBoundingClientRect();
              const within = (inner, outer) => inner.left >= outer.left && inner.right <= outer.right
                  && inner.top >= outer.top && inner.bottom <= outer.bottom;
              return within(host, card) && within(button, host) && host.height > 0;
            }
            """);
    assertThat(inside).as("the widget and its call button inside the agent's card").isEqualTo(true);
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();
  }

  private static boolean fitsTheScreenWidth(Page page) {
    return (Boolean)
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth");
  }

  private static UUID sessionIn(Page tester) {
    return UUID.fromString(tester.url().substring(tester.url().lastIndexOf('/') + 1));
  }

  /** Waits (5 s at most) for what the page does in the background, like reporting the call. */
  private static void eventually(Page page, BooleanSupplier condition) {
    for (int i = 0; i < 50; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      page.waitForTimeout(100);
    }
    assertThat(condition.getAsBoolean()).as("within 5 seconds").isTrue();
  }

  // --- what the database holds ------------------------------------------------------------------

  private Map<String, Object> session(UUID session) {
    return database
        .sql(
            """
            SELECT model_key, status::text AS status, round_number, position::int AS position,
                   call_started_at, conversation_id, call_ended_at, call_reference
            FROM evaluation_sessions WHERE id = ?
            """)
        .param(session)
        .query()
        .singleRow();
  }

  /** What went wrong in a session: its widget, its giving back, its reported problem. */
  private Map<String, Object> trouble(UUID session) {
    return database
        .sql(
            """
            SELECT status::text AS status, widget_failure, given_back_reason, problem_reason,
                   problem_details
            FROM evaluation_sessions WHERE id = ?
            """)
        .param(session)
        .query()
        .singleRow();
  }

  private String ownerOf(UUID playground) {
    return database
        .sql("SELECT u.email FROM playgrounds p JOIN users u ON u.id = p.created_by WHERE p.id = ?")
        .param(playground)
        .query(String.class)
        .single();
  }

  /** The model's live reservations, as the capacity check counts them. */
  private long reserved(UUID playground, String model) {
    return database
        .sql(
            """
            SELECT count(*) FROM evaluation_sessions
            WHERE playground_id = ? AND model_key = ? AND status = 'assigned' AND expires_at > now()
            """)
        .params(playground, model)
        .query(Long.class)
        .single();
  }

  /** The answers of a session: question, which column holds the answer, and the answer. */
  private List<List<String>> answersIn(UUID session) {
    return database
        .sql(
            """
            SELECT q.question_text,
                   CASE WHEN e.answer_value IS NOT NULL THEN 'value'
                        WHEN e.answer_text IS NOT NULL THEN 'text' ELSE 'rating' END,
                   coalesce(e.answer_value, e.answer_text, e.rating::text)
            FROM evaluations e JOIN questions q ON q.id = e.question_id
            WHERE e.session_id = ?
            """)
        .param(session)
        .query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  private int count(UUID playground, String model) {
    return database
        .sql(
            "SELECT current_count FROM evaluation_counters WHERE playground_id = ? AND model_key = ?")
        .params(playground, model)
        .query(Integer.class)
        .single();
  }

  private long sessionsOf(UUID playground, String email) {
    return database
        .sql(
            """
            SELECT count(*) FROM evaluation_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.playground_id = ? AND u.email = ?
            """)
        .params(playground, email)
        .query(Long.class)
        .single();
  }
}
