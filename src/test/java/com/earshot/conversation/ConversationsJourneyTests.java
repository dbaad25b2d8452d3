package com.earshot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.BrowserExtension;
import com.earshot.support.ElevenLabsInBrowser;
import com.earshot.support.Fixtures;
import com.earshot.support.Journey;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * From the calls to the statistics, in Chromium: two testers (one on a phone) call both agents
 * through ElevenLabs' real widget (the conversation socket answered by {@link ElevenLabsInBrowser},
 * which gives each call its conversation id) and submit; the fetch job gets each conversation from
 * the ElevenLabs stand-in (WireMock, in the documented shape) with its recording; the admin reads
 * the sessions list, a session's transcript and recording, the two sessions that should not count
 * (an agent that said its model's name, a call shorter than the playground's minimum), keeps the
 * short one after all, and reads the Insights page with and without the sessions left out. On a
 * desktop and a phone.
 *
 * <p>In this package (not with the Insights pages) because the job is triggered directly, as {@link
 * FetchJobTests} does; the stand-in's properties give this class the context those tests share.
 */
@ExtendWith(BrowserExtension.class)
class ConversationsJourneyTests extends ElevenLabsStandIn {

  private static final String NATURAL = "How natural did the agent sound?";
  private static final Map<String, String> MODEL_NAMES =
      Map.of("model_a", "Falcon prompt v7", "model_b", "Heron prompt v3");
  private static final byte[] RECORDING = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, -5};

  @Autowired FetchJob job;

  /** What ElevenLabs holds of one call: who, which model, how long, what the agent said. */
  private record Spoken(
      ElevenLabsInBrowser.Call call, UUID session, String model, int seconds, String agentSaid) {}

  @Test
  void testersCallTheAdminReadsTheCallsAndTheStatisticsSayWhatTheyLeaveOut(Journey journey) {
    UUID owner = fixtures.admin("owner");
    UUID playground = playground(owner);

    // Ann (desktop) and Bob (phone) each call both agents and answer.
    Page ann = journey.page();
    journey.signIn(ann, Fixtures.uniqueEmail("ann"));
    List<UUID> annSessions = round(journey, ann, playground, "ann");
    Page bob = journey.phone();
    journey.signIn(bob, Fixtures.uniqueEmail("bob"));
    List<UUID> bobSessions = round(journey, bob, playground, "bob");

    // ElevenLabs has them: Ann's two calls are ordinary; Bob's first agent named its model, and
    // his call with the other lasted 8 seconds (the playground's minimum is 20).
    List<ElevenLabsInBrowser.Call> annCalls = journey.elevenLabs(ann).calls();
    List<ElevenLabsInBrowser.Call> bobCalls = journey.elevenLabs(bob).calls();
    assertThat(annCalls).hasSize(2);
    assertThat(bobCalls).hasSize(2);
    List<Spoken> spoken =
        List.of(
            spoken(annCalls.get(0), annSessions.get(0), 95, "Your table for two is booked."),
            spoken(annCalls.get(1), annSessions.get(1), 80, "Friday at eight is confirmed."),
            spoken(bobCalls.get(0), bobSessions.get(0), 70, null),
            spoken(bobCalls.get(1), bobSessions.get(1), 8, "Sorry, the line is bad."));
    Spoken named = spoken.get(2);
    Spoken shortCall = spoken.get(3);
    spoken.forEach(ConversationsJourneyTests::answerAsElevenLabs);

    // The job fetches them (the poll is an hour apart: it is run here), and each is stored once.
    for (int i = 0; i < 20 && storedIn(playground) < 4; i++) {
      job.runOnce();
      ann.waitForTimeout(200);
    }
    assertThat(storedIn(playground)).isEqualTo(4);
    for (Spoken s : spoken) {
      assertThat(requestsFor(conversationPath(s.call().conversationId()))).isOne();
    }

    // The admin: the playground's sessions, with their calls and flags.
    Page admin = journey.anotherBrowser();
    String adminEmail = fixtures.emailOf(owner);
    journey.signIn(admin, adminEmail);
    admin.navigate("/manage/playgrounds/" + playground + "/sessions");
    Locator rows = admin.locator("tr.session-row");
    assertThat(rows).hasCount(4);
    assertThat(row(admin, named.session()).locator("[data-flag]")).hasText("agent named");
    assertThat(row(admin, shortCall.session()).locator("[data-flag]")).hasText("too short");
    assertThat(row(admin, shortCall.session()).locator(".session-duration")).hasText("0:08");
    for (Spoken s : List.of(spoken.get(0), spoken.get(1))) {
      assertThat(row(admin, s.session()).locator("td.session-flags")).hasText("no flags");
      assertThat(row(admin, s.session()).locator(".session-conversation")).hasText("Fetched");
    }
    journey.step(admin, "the playground's sessions");

    // Ann's first session: what was said, how long, how it ended, which version, the recording.
    Spoken first = spoken.get(0);
    row(admin, first.session()).locator("a.session-link").click();
    assertThat(admin)
        .hasURL(journey.url("/manage/playgrounds/" + playground + "/sessions/" + first.session()));
    assertThat(admin.locator("#session-facts")).containsText(first.call().conversationId());
    Locator facts = admin.locator("#call-facts");
    assertThat(facts).containsText("1:35");
    assertThat(facts).containsText("end_call tool was called.");
    assertThat(facts).containsText("agtvrsn_journey_" + first.model());
    assertThat(facts).containsText("success");
    Locator turns = admin.locator("#transcript li");
    assertThat(turns).hasCount(3);
    assertThat(turns.nth(0).locator(".turn-speaker")).hasText("Agent");
    assertThat(turns.nth(0).locator(".turn-message")).hasText("Hi! What can I do for you?");
    assertThat(turns.nth(1).locator(".turn-message")).hasText("A table for two on Friday, please.");
    assertThat(turns.nth(1)).containsText("interrupted");
    assertThat(turns.nth(2).locator(".turn-message")).hasText(first.agentSaid());
    assertThat(turns.nth(2).locator(".turn-time")).hasText("1:20");
    Locator player = admin.locator("audio[controls]");
    assertThat(player).hasAttribute("preload", "none");
    String src = player.getAttribute("src");
    assertThat(src)
        .isEqualTo(
            "/manage/playgrounds/" + playground + "/sessions/" + first.session() + "/recording");
    APIResponse recording = admin.request().get(journey.url(src));
    assertThat(recording.status()).isEqualTo(200);
    assertThat(recording.headers()).containsEntry("content-type", "audio/mpeg");
    assertThat(recording.body()).isEqualTo(RECORDING);
    assertThat(admin.content()).doesNotContain(WORKSPACE_KEY);
    assertThat(admin.locator("[data-review=counted]")).hasText("Counted in the statistics.");
    journey.step(admin, "a session with its transcript and recording");

    // The session whose agent said its model's name: left out, and why.
    admin.navigate("/manage/playgrounds/" + playground + "/sessions/" + named.session());
    assertThat(admin.locator("#transcript li").nth(2).locator(".turn-message"))
        .hasText("This is " + MODEL_NAMES.get(named.model()) + ", your table is booked.");
    assertThat(admin.locator("#exclusion [data-flag]")).hasText("agent named");
    assertThat(admin.locator("[data-review=counted]")).hasText("Left out of the statistics.");
    journey.step(admin, "a session whose agent named its model");

    // The statistics leave both flagged sessions out, and say so.
    admin.navigate("/manage/playgrounds/" + playground + "/insights");
    assertLeftOut(admin, "2 sessions left out: 1 too short, 1 agent named.", "2");
    journey.step(admin, "insights without the flagged sessions");
    admin.getByRole(AriaRole.LINK, name("See the statistics with them")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/insights\\?included=true$"));
    assertLeftOut(
        admin, "2 sessions that would be left out are counted: 1 too short, 1 agent named.", "4");
    journey.step(admin, "insights with the flagged sessions");

    // The short call: too short by the playground's rule, but the admin keeps it, with a reason.
    admin.navigate("/manage/playgrounds/" + playground + "/sessions/" + shortCall.session());
    assertThat(admin.locator("#call-facts")).containsText("0:08");
    assertThat(admin.locator("#exclusion [data-flag]")).hasText("too short");
    assertThat(admin.locator("[data-review=counted]")).hasText("Left out of the statistics.");
    journey.step(admin, "a call shorter than the minimum");
    admin.getByRole(AriaRole.BUTTON, name("Include it in the statistics")).click();
    assertThat(admin.locator("#exclusion-reason-error"))
        .hasText("Say why, so that others reading the statistics know.");
    assertThat(admin.locator("[data-review=counted]")).hasText("Left out of the statistics.");
    journey.step(admin, "keeping it needs a reason");
    admin.getByLabel("Why it should count after all").fill("Short, but the tester heard enough.");
    admin.getByRole(AriaRole.BUTTON, name("Include it in the statistics")).click();
    assertThat(admin.locator("#exclusion [role=status]"))
        .hasText("Session included: the statistics count it.");
    assertThat(admin.locator("[data-review=counted]")).hasText("Counted in the statistics.");
    assertThat(admin.locator("[data-review=decision]")).containsText("Included by " + adminEmail);
    assertThat(admin.locator("[data-review=decision]"))
        .containsText("Short, but the tester heard enough.");
    journey.step(admin, "the short call kept");

    insightsAfterKeepingTheShortCall(journey, admin, playground, "");

    // The same pages on a phone.
    Page phone = journey.phone();
    journey.signIn(phone, adminEmail);
    phone.navigate("/manage/playgrounds/" + playground + "/sessions");
    assertThat(phone.locator("tr.session-row")).hasCount(4);
    journey.step(phone, "the sessions on a phone");
    phone.navigate("/manage/playgrounds/" + playground + "/sessions/" + first.session());
    assertThat(phone.locator("#transcript li")).hasCount(3);
    assertThat(phone.locator("audio[controls]")).isVisible();
    journey.step(phone, "a session on a phone");
    phone.navigate("/manage/playgrounds/" + playground + "/sessions/" + named.session());
    assertThat(phone.locator("#exclusion [data-flag]")).hasText("agent named");
    journey.step(phone, "the flagged session on a phone");
    insightsAfterKeepingTheShortCall(journey, phone, playground, " on a phone");
  }

  // --- the testers ---------------------------------------------------------------------------

  /** One tester's round: a call with each agent, ended, an answer, submitted. */
  private List<UUID> round(Journey journey, Page tester, UUID playground, String who) {
    ElevenLabsInBrowser elevenLabs = journey.elevenLabs(tester);
    tester.navigate("/playgrounds/" + playground);
    tester.getByRole(AriaRole.BUTTON, name("Start")).click();
    List<UUID> sessions = new java.util.ArrayList<>();
    for (int agent = 1; agent <= 2; agent++) {
      assertThat(tester.getByText("Round 1 · Agent " + agent + " of 2")).isVisible();
      UUID session = UUID.fromString(tester.url().substring(tester.url().lastIndexOf('/') + 1));
      sessions.add(session);
      ElevenLabsInBrowser.Call call = elevenLabs.startCall(tester);
      waitFor(
          tester, () -> call.conversationId().equals(sessionRow(session).get("conversation_id")));
      journey.step(tester, who + " calls agent " + agent);
      elevenLabs.endCall(tester);
      waitFor(tester, () -> sessionRow(session).get("call_ended_at") != null);
      tester.getByLabel("Very natural").check();
      journey.step(tester, who + " answers about agent " + agent);
      tester.getByRole(AriaRole.BUTTON, name("Submit")).click();
    }
    assertThat(tester.getByRole(AriaRole.STATUS))
        .containsText("Your answers about both agents are saved.");
    journey.step(tester, who + "'s round complete");
    assertThat(ElevenLabsInBrowser.policyViolations(tester)).isEmpty();
    for (UUID session : sessions) {
      assertThat(sessionRow(session)).containsEntry("status", "submitted");
    }
    return sessions;
  }

  // --- ElevenLabs' side ----------------------------------------------------------------------

  private Spoken spoken(
      ElevenLabsInBrowser.Call call, UUID session, int seconds, String agentSaid) {
    String model = (String) sessionRow(session).get("model_key");
    assertThat(call.agentId()).isEqualTo("agent_" + model);
    return new Spoken(
        call,
        session,
        model,
        seconds,
        agentSaid != null
            ? agentSaid
            : "This is " + MODEL_NAMES.get(model) + ", your table is booked.");
  }

  /** GET conversation and its audio, as ElevenLabs documents them, for one call. */
  private static void answerAsElevenLabs(Spoken s) {
    String id = s.call().conversationId();
    Map<String, Object> body =
        conversation(id, s.call().agentId(), "done", 0); // the shape; its turns are replaced
    body.put("user_id", s.call().userId());
    body.put("version_id", "agtvrsn_journey_" + s.model());
    body.put(
        "transcript",
        List.of(
            turn("agent", "Hi! What can I do for you?", 0, false),
            turn("user", "A table for two on Friday, please.", 4, true),
            turn("agent", s.agentSaid(), Math.min(80, s.seconds() - 1), false)));
    Map<String, Object> metadata = new LinkedHashMap<>();
    // Ten minutes ago: answered well after the call ended, so never "answered too fast".
    metadata.put("start_time_unix_secs", Instant.now().getEpochSecond() - 600);
    metadata.put("call_duration_secs", s.seconds());
    metadata.put("termination_reason", "end_call tool was called.");
    metadata.put("main_language", "en");
    body.put("metadata", metadata);
    ELEVENLABS.stubFor(getConversation(id).willReturn(json(body)));
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(id) + "/audio"))
            .withHeader("xi-api-key", equalTo(WORKSPACE_KEY))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "audio/mpeg")
                    .withBody(RECORDING)));
  }

  private static Map<String, Object> turn(
      String role, String message, int secondsIn, boolean interrupted) {
    Map<String, Object> turn = new LinkedHashMap<>();
    turn.put("role", role);
    turn.put("message", message);
    turn.put("time_in_call_secs", secondsIn);
    turn.put("interrupted", interrupted);
    turn.put("tool_calls", null);
    return turn;
  }

  // --- the world and what it holds -----------------------------------------------------------

  /** An active, public A/B playground, its models named, one required choice question. */
  private UUID playground(UUID owner) {
    UUID id = fixtures.abPlayground(owner);
    MODEL_NAMES.forEach(
        (model, name) ->
            fixtures
                .jdbc()
                .sql(
                    "UPDATE model_configurations SET model_name = ? WHERE playground_id = ? AND"
                        + " model_key = ?")
                .params(name, id, model)
                .update());
    fixtures
        .jdbc()
        .sql(
            """
            INSERT INTO questions
              (playground_id, question_text, question_type, options, required, order_index)
            VALUES (?, ?, 'select'::question_type, ?::jsonb, true, 0)
            """)
        .params(
            id,
            NATURAL,
            "[{\"label\":\"Very natural\",\"value\":\"very_natural\"},"
                + "{\"label\":\"Robotic\",\"value\":\"robotic\"}]")
        .update();
    return id;
  }

  /** Only the session whose agent named its model is left out; with it, all four count. */
  private void insightsAfterKeepingTheShortCall(
      Journey journey, Page admin, UUID playground, String where) {
    admin.navigate("/manage/playgrounds/" + playground + "/insights");
    assertLeftOut(admin, "1 session left out: 1 agent named.", "3");
    journey.step(admin, "insights after keeping the short call" + where);
    admin.getByRole(AriaRole.LINK, name("See the statistics with them")).click();
    assertThat(admin).hasURL(Pattern.compile(".*/insights\\?included=true$"));
    assertLeftOut(admin, "1 session that would be left out is counted: 1 agent named.", "4");
    assertThat(admin.getByRole(AriaRole.LINK, name("Leave them out"))).isVisible();
    journey.step(admin, "insights with it" + where);
  }

  private static void assertLeftOut(Page admin, String sentence, String submitted) {
    assertThat(admin.locator("[data-metric=left-out]")).hasText(sentence);
    assertThat(admin.locator("[data-metric=submitted]")).hasText(submitted);
  }

  private static Locator row(Page admin, UUID session) {
    return admin
        .locator("tr.session-row")
        .filter(
            new Locator.FilterOptions()
                .setHas(admin.locator("a.session-link[href$='/sessions/" + session + "']")));
  }

  private Map<String, Object> sessionRow(UUID session) {
    return fixtures
        .jdbc()
        .sql(
            "SELECT model_key, status::text AS status, conversation_id, call_ended_at"
                + " FROM evaluation_sessions WHERE id = ?")
        .param(session)
        .query()
        .singleRow();
  }

  private long storedIn(UUID playground) {
    return fixtures
        .jdbc()
        .sql("SELECT count(*) FROM conversations WHERE playground_id = ?")
        .param(playground)
        .query(Long.class)
        .single();
  }

  /** Waits (5 s at most) for what the page does in the background, like reporting the call. */
  private static void waitFor(Page page, java.util.function.BooleanSupplier condition) {
    for (int i = 0; i < 50 && !condition.getAsBoolean(); i++) {
      page.waitForTimeout(100);
    }
    assertThat(condition.getAsBoolean()).as("within 5 seconds").isTrue();
  }

  private static Page.GetByRoleOptions name(String name) {
    return new Page.GetByRoleOptions().setName(name).setExact(true);
  }
}
