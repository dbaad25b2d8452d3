package com.earshot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.evaluation.EvaluationWorld.SessionRow;
import com.earshot.playground.WidgetSettings;
import com.earshot.support.EarshotTest;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A tester's way through the pages, on the server: the home page and its states, starting, the
 * session page (blind, with the canonical widget and its Content-Security-Policy), Agent 1 then
 * Agent 2, the end of a round, tuning's "Evaluate again", and a playground that wants a call first.
 *
 * <p>What a redirect carries (the flash) lives in the HTTP session, which Spring Session keeps in
 * PostgreSQL: the next request follows it by its cookie, as a browser does.
 */
@EarshotTest
class TesterPagesTests {

  @Autowired MockMvcTester mvc;

  final EvaluationWorld world = new EvaluationWorld();

  @Test
  void shouldShowEachPlaygroundOnTheHomePageWithWhereTheTesterStands() {
    Person tester = world.tester("home");
    UUID fresh = world.abPlayground(50, 50);
    UUID started = world.abPlayground(50, 50);
    world.fixtures.assignedSession(started, tester.id(), "model_b");
    UUID halfway = world.abPlayground(50, 50);
    world.fixtures.submittedSession(halfway, tester.id(), "model_a");
    UUID roundDone = world.abPlayground(50, 50);
    world.fixtures.submittedSession(roundDone, tester.id(), "model_a");
    world.fixtures.submittedSession(roundDone, tester.id(), "model_b");
    UUID finished = world.abPlayground(50, 50);
    world.capRounds(finished, 1);
    world.fixtures.submittedSession(finished, tester.id(), "model_a");
    world.fixtures.submittedSession(finished, tester.id(), "model_b");
    UUID full = world.abPlayground(50, 50);
    world.fixtures.setCount(full, "model_a", 50);
    world.fixtures.setCount(full, "model_b", 50);
    UUID tuned = world.tuningPlayground(null);
    world.fixtures.submittedSession(tuned, tester.id(), "model_a");
    UUID closedToThem = world.restrictedAbPlayground(List.of("someone-else@example.com"));
    UUID inactive = world.abPlayground(50, 50);
    world.deactivate(inactive);

    MvcTestResult home = mvc.get().uri("/").with(tester.signedIn()).exchange();

    assertThat(home).hasStatusOk();
    Document page = Pages.page(home);
    assertThat(state(page, fresh)).isEqualTo("New");
    assertThat(state(page, started)).isEqualTo("In progress");
    assertThat(state(page, halfway)).isEqualTo("In progress");
    assertThat(state(page, roundDone)).isEqualTo("Round complete");
    assertThat(state(page, finished)).isEqualTo("Finished for you");
    assertThat(state(page, full)).isEqualTo("Closed: limit reached");
    assertThat(state(page, tuned)).isEqualTo("Round complete");
    assertThat(card(page, closedToThem)).isNull();
    assertThat(card(page, inactive)).isNull();
    assertThat(page.text()).doesNotContain("No playgrounds for you yet.");
  }

  @Test
  void shouldStartARoundAndGoToTheAgent() {
    Person tester = world.tester("starter");
    UUID playground = world.abPlayground(50, 50);

    MvcTestResult started = start(mvc, tester, playground);

    List<SessionRow> sessions = world.sessions(playground, tester.id());
    assertThat(sessions).singleElement().satisfies(row -> assertThat(row.position()).isEqualTo(1));
    assertThat(started).hasStatus(302).hasRedirectedUrl("/sessions/" + sessions.get(0).id());
    assertThat(start(mvc, tester, playground))
        .as("starting again resumes the same agent")
        .hasRedirectedUrl("/sessions/" + sessions.get(0).id());
    assertThat(world.sessions(playground, tester.id())).hasSize(1);
  }

  @Test
  void shouldTellATesterWhoMeetsTheLimitThatThereIsNoAgentForThem() {
    Person tester = world.tester("latecomer");
    UUID playground = world.abPlayground(1, 1);
    world.fixtures.setCount(playground, "model_a", 1);
    world.fixtures.setCount(playground, "model_b", 1);

    MvcTestResult started = start(mvc, tester, playground);

    assertThat(started).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
    MvcTestResult front =
        mvc.get()
            .uri("/playgrounds/{id}", playground)
            .cookie(started.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(Pages.text(front))
        .contains(
            "This playground has all the evaluations it needs for now, so there is no agent for"
                + " you at the moment.");
    assertThat(Pages.page(front).select("form[action$=/start]")).isEmpty();
    assertThat(world.sessions(playground, tester.id())).isEmpty();
  }

  @Test
  void shouldTakeATesterThroughBothAgentsToTheEndOfTheRound() {
    Person tester = world.tester("journey");
    UUID playground = world.abPlayground(50, 50);
    UUID verdict = world.select(playground, null, "good", "bad");

    String first = Pages.location(start(mvc, tester, playground));
    MvcTestResult firstPage = mvc.get().uri(first).with(tester.signedIn()).exchange();
    assertThat(firstPage).hasStatusOk();
    assertThat(Pages.text(firstPage)).contains("Round 1 · Agent 1 of 2", "Agent 1 of 2");

    MvcTestResult firstSubmit = submit(mvc, tester, first, EvaluationWorld.form(verdict, "good"));
    assertThat(firstSubmit).hasStatus(302);
    String second = Pages.location(firstSubmit);
    assertThat(second).startsWith("/sessions/").isNotEqualTo(first);
    MvcTestResult secondPage =
        mvc.get()
            .uri(second)
            .cookie(firstSubmit.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(secondPage).hasStatusOk();
    assertThat(Pages.text(secondPage))
        .contains("Thank you! Now meet Agent 2 of 2.", "Round 1 · Agent 2 of 2", "Agent 2 of 2");

    MvcTestResult secondSubmit = submit(mvc, tester, second, EvaluationWorld.form(verdict, "bad"));
    assertThat(secondSubmit).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
    MvcTestResult front =
        mvc.get()
            .uri("/playgrounds/{id}", playground)
            .cookie(secondSubmit.getResponse().getCookies())
            .with(tester.signedIn())
            .exchange();
    assertThat(front).hasStatusOk();
    assertThat(Pages.text(front))
        .contains("Round complete — you may do another round.", "Start another round");

    List<SessionRow> rows = world.sessions(playground, tester.id());
    assertThat(rows).extracting(SessionRow::position).containsExactly(1, 2);
    assertThat(rows).extracting(SessionRow::status).containsOnly("submitted");
    assertThat(rows)
        .extracting(SessionRow::modelKey)
        .containsExactlyInAnyOrder("model_a", "model_b");
    assertThat(world.counter(playground, "model_a")).isEqualTo(1);
    assertThat(world.counter(playground, "model_b")).isEqualTo(1);

    assertThat(mvc.get().uri(first).with(tester.signedIn()).exchange())
        .as("a submitted session leads back to its playground")
        .hasStatus(302)
        .hasRedirectedUrl("/playgrounds/" + playground);
  }

  @Test
  void shouldOfferTuningTestersToEvaluateAgainAfterEachSubmit() {
    Person tester = world.tester("tuning");
    UUID playground = world.tuningPlayground(null);
    UUID verdict = world.select(playground, null, "better", "worse");

    for (int visit = 1; visit <= 2; visit++) {
      String session = Pages.location(start(mvc, tester, playground));
      MvcTestResult page = mvc.get().uri(session).with(tester.signedIn()).exchange();
      assertThat(Pages.text(page)).contains("The agent").doesNotContain("Agent 1 of 2");

      MvcTestResult submitted =
          submit(mvc, tester, session, EvaluationWorld.form(verdict, "better"));
      assertThat(submitted).hasStatus(302).hasRedirectedUrl("/playgrounds/" + playground);
      MvcTestResult front =
          mvc.get()
              .uri("/playgrounds/{id}", playground)
              .cookie(submitted.getResponse().getCookies())
              .with(tester.signedIn())
              .exchange();
      assertThat(Pages.text(front)).contains("Thank you!", "Evaluate again");
      assertThat(world.sessions(playground, tester.id()))
          .as("no session is opened until the tester asks for one")
          .hasSize(visit)
          .allSatisfy(row -> assertThat(row.status()).isEqualTo("submitted"));
    }
    assertThat(world.sessions(playground, tester.id()))
        .extracting(SessionRow::round)
        .containsExactly(1, 2);
  }

  @Test
  void shouldShowTheAgentBlindAndOnlyThroughTheCanonicalWidget() {
    Person tester = world.tester("blind");
    UUID playground = world.abPlayground(50, 50);
    String session = Pages.location(start(mvc, tester, playground));
    String modelKey =
        world.session(UUID.fromString(session.substring("/sessions/".length()))).modelKey();
    String otherKey = modelKey.equals("model_a") ? "model_b" : "model_a";

    MvcTestResult page = mvc.get().uri(session).with(tester.signedIn()).exchange();

    assertThat(page).hasStatusOk();
    String body = Pages.body(page);
    assertThat(body)
        .doesNotContain(
            world.modelName(playground, "model_a"),
            world.modelName(playground, "model_b"),
            world.agentId(playground, otherKey),
            "model_a",
            "model_b",
            "MODEL_A",
            "MODEL_B");
    UUID sessionId = UUID.fromString(session.substring("/sessions/".length()));
    List<Element> widgets = Pages.page(page).select("elevenlabs-convai");
    assertThat(widgets).hasSize(1);
    assertThat(widgets.get(0).attributes().asList())
        .extracting(attribute -> attribute.getKey() + "=" + attribute.getValue())
        .as("the session's opaque reference as user-id: not the tester's email or id")
        .containsExactly(
            "agent-id=" + world.agentId(playground, modelKey),
            "placement=bottom",
            "user-id=" + world.callReference(sessionId))
        .noneMatch(attribute -> attribute.contains(tester.email()))
        .noneMatch(attribute -> attribute.contains(tester.id().toString()));
    Element script =
        Pages.page(page).selectFirst("script[src=" + WidgetSettings.PINNED_SCRIPT_URL + "]");
    assertThat(script).as("the pinned widget version").isNotNull();
    assertThat(script.attr("integrity")).isEqualTo(WidgetSettings.PINNED_INTEGRITY);
    assertThat(script.attr("crossorigin")).isEqualTo("anonymous");
    assertThat(Pages.page(page).select(".agent-widget").attr("data-config-url"))
        .isEqualTo(
            "https://api.us.elevenlabs.io/v1/convai/agents/"
                + world.agentId(playground, modelKey)
                + "/widget");
    String policy = page.getResponse().getHeader("Content-Security-Policy");
    assertThat(policy)
        .as("scripts: the widget's own URL, not every package of its host")
        .contains(
            "script-src 'self' https://unpkg.com/@elevenlabs/convai-widget-embed@0.5.4/dist/index.js"
                + " blob: https://cdn.jsdelivr.net/npm/@alexanderolsen/libsamplerate-js@2.1.2/",
            "style-src 'self' 'unsafe-inline';",
            "connect-src 'self' https://api.us.elevenlabs.io wss://api.us.elevenlabs.io"
                + " wss://livekit.rtc.elevenlabs.io https://livekit.rtc.elevenlabs.io;",
            "worker-src 'self';",
            "frame-ancestors 'none'")
        .doesNotContain("*", "https://unpkg.com ", "https://unpkg.com;");
    assertThat(page.getResponse().getHeaders("Content-Security-Policy")).hasSize(1);

    MvcTestResult home = mvc.get().uri("/").with(tester.signedIn()).exchange();
    assertThat(home.getResponse().getHeader("Content-Security-Policy"))
        .as("other pages do not admit the widget's sources")
        .doesNotContain("unpkg.com", "elevenlabs.io", "unsafe-inline", "blob:");
  }

  @Test
  void shouldRefuseASubmitBeforeACallWhenThePlaygroundRequiresOne() {
    Person tester = world.tester("caller");
    UUID playground = world.abPlayground(50, 50);
    world.requireCall(playground);
    UUID verdict = world.select(playground, null, "good", "bad");
    String session = Pages.location(start(mvc, tester, playground));
    UUID sessionId = UUID.fromString(session.substring("/sessions/".length()));
    Map<String, String> answers = EvaluationWorld.form(verdict, "good");

    MvcTestResult page = mvc.get().uri(session).with(tester.signedIn()).exchange();
    Document form = Pages.page(page);
    assertThat(form.text()).contains("Start a call with the agent above");
    assertThat(form.select("fieldset.answers").hasAttr("disabled")).isTrue();

    MvcTestResult refused = submit(mvc, tester, session, answers);
    assertThat(refused).hasStatus(400);
    assertThat(Pages.text(refused))
        .contains("Start a call with the agent first: the questions are about that conversation.");
    assertThat(world.status(sessionId)).isEqualTo("assigned");
    assertThat(world.answers(sessionId)).isZero();

    assertThat(
            mvc.post()
                .uri(session + "/call")
                .param("event", "connected")
                .param("conversationId", "conv_01jxyz-42")
                .with(csrf())
                .with(tester.signedIn()))
        .hasStatus(204);
    SessionRow called = world.session(sessionId);
    assertThat(called.callStartedAtSet()).isTrue();
    assertThat(called.conversationId()).isEqualTo("conv_01jxyz-42");
    assertThat(
            Pages.page(mvc.get().uri(session).with(tester.signedIn()).exchange())
                .select("fieldset.answers")
                .hasAttr("disabled"))
        .as("the form is open once a call was started")
        .isFalse();

    assertThat(submit(mvc, tester, session, answers)).hasStatus(302);
    assertThat(world.status(sessionId)).isEqualTo("submitted");
    assertThat(world.answers(sessionId)).isEqualTo(1);
  }

  @Test
  void shouldWarnButAllowASubmitWithoutACallByDefault() {
    Person tester = world.tester("quick");
    UUID playground = world.abPlayground(50, 50);
    UUID session = world.fixtures.assignedSession(playground, tester.id(), "model_a");

    MvcTestResult page =
        mvc.get().uri("/sessions/{id}", session).with(tester.signedIn()).exchange();
    assertThat(Pages.page(page).select("fieldset.answers").hasAttr("disabled")).isFalse();
    assertThat(Pages.page(page).select(".call-warning")).hasSize(1);

    assertThat(submit(mvc, tester, "/sessions/" + session, Map.of())).hasStatus(302);
    assertThat(world.status(session)).isEqualTo("submitted");
    assertThat(world.session(session).callStartedAtSet()).isFalse();
  }

  /** The tester presses Start on a playground's page. */
  static MvcTestResult start(MockMvcTester mvc, Person tester, UUID playground) {
    return mvc.post()
        .uri("/playgrounds/{id}/start", playground)
        .with(csrf())
        .with(tester.signedIn())
        .exchange();
  }

  /** The tester submits {@code form} on the session at {@code session} (its path). */
  static MvcTestResult submit(
      MockMvcTester mvc, Person tester, String session, Map<String, String> form) {
    return mvc.post()
        .uri(session)
        .params(SubmissionBadInputTests.multi(form))
        .with(csrf())
        .with(tester.signedIn())
        .exchange();
  }

  private Element card(Document page, UUID playground) {
    return page.select("article.card").stream()
        .filter(card -> card.select("h2 a").attr("href").equals("/playgrounds/" + playground))
        .findFirst()
        .orElse(null);
  }

  private String state(Document page, UUID playground) {
    Element card = card(page, playground);
    assertThat(card).as("the card of %s", world.name(playground)).isNotNull();
    assertThat(card.text()).contains(world.name(playground));
    return card.select(".badge.state").text();
  }
}
