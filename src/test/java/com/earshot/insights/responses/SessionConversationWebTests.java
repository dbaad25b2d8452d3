package com.earshot.insights.responses;

import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.earshot.support.ConversationRows;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The session page beside the answers: what ElevenLabs recorded of the call, or why there is
 * nothing to show, and the way to the other agent's session of the round.
 */
@EarshotTest
class SessionConversationWebTests {

  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 25, 10, 5);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();
  final ConversationRows rows = new ConversationRows(fixtures.jdbc());
  Person owner;
  UUID playground;
  UUID tester;

  @BeforeEach
  void aPlayground() {
    owner = fixtures.adminPerson("owner");
    playground = fixtures.abPlayground(owner.id());
    tester = fixtures.tester("ann");
  }

  @Test
  void shouldShowTheCallBesideTheAnswers() {
    UUID session = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));
    rows.stored(session);
    rows.fetch(session, "done", 1, null);

    Document page = page(sessionPage(owner, session));

    assertThat(page.select("#transcript li"))
        .extracting(
            turn -> turn.selectFirst(".turn-speaker").text(),
            turn -> turn.selectFirst(".turn-time").text(),
            turn -> turn.select(".turn-interrupted").text(),
            turn -> turn.select(".turn-message").text(),
            turn -> turn.select(".turn-tools").text())
        .containsExactly(
            tuple("Agent", "0:00", "", "Hello, this is the clinic.", ""),
            tuple("Tester", "0:04", "interrupted", "I'd like an appointment on Tuesday.", ""),
            tuple("Agent", "1:15", "", "", "Called book_slot, end_call"));
    assertThat(page.getElementById("call-facts").text())
        .contains("Duration 1:14")
        .contains("How it ended end_call tool was called.")
        .contains("Started 2026-11-25 10:00:05 UTC")
        .contains("Agent version agtvrsn_0901k4aa branch agtbrch_main")
        .contains("ElevenLabs status done")
        .contains("Call successful success")
        .contains("Summary The tester booked Tuesday.")
        .contains("Fetched 2026-11-25 10:07:00 UTC");
    assertThat(page.select("#evaluation-results li").eachText())
        .containsExactlyInAnyOrder("booked: success A slot was booked.", "polite: unknown");
    assertThat(page.select("#data-collection li").eachText())
        .containsExactlyInAnyOrder(
            "day: Tuesday The tester said so.",
            "party_size: 2 Two people.",
            "phone: nothing collected");
    Element audio = page.selectFirst("audio");
    assertThat(audio.attr("src"))
        .isEqualTo("/manage/playgrounds/" + playground + "/sessions/" + session + "/recording");
    assertThat(audio.attr("preload")).isEqualTo("none");
    assertThat(audio.hasAttr("controls")).isTrue();
    assertThat(page.getElementById("no-conversation")).isNull();
    assertThat(page.getElementById("fetch-state")).isNull();
  }

  @Test
  void shouldShowTheTranscriptAsTextNeverAsMarkup() {
    UUID session = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));
    rows.stored(
        session,
        """
        [{"role": "agent", "message": "<script>alert(1)</script><img src=x onerror=alert(2)>",
          "time_in_call_secs": 1, "tool_calls": ["<b>tool</b>"]}]
        """,
        false);

    MvcTestResult result = sessionPage(owner, session);
    Document page = page(result);

    assertThat(page.selectFirst("#transcript .turn-message").text())
        .isEqualTo("<script>alert(1)</script><img src=x onerror=alert(2)>");
    assertThat(page.select("#transcript script, #transcript img, #transcript b")).isEmpty();
    assertThat(body(result))
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;");
    assertThat(page.select("audio")).as("no recording, no player").isEmpty();
  }

  @Test
  void shouldSayWhatConnectingWouldAddWhenElevenLabsIsNotConnected() {
    UUID session = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));

    Element missing = page(sessionPage(owner, session)).getElementById("no-conversation");

    assertThat(missing.text())
        .startsWith("ElevenLabs is not connected")
        .contains("Connecting adds the transcript");
    assertThat(missing.selectFirst("a").attr("href"))
        .isEqualTo("/manage/playgrounds/" + playground + "/elevenlabs");
  }

  @Test
  void shouldSayWhyAConnectedPlaygroundsSessionHasNoConversation() {
    rows.apiKey(playground);
    UUID pending = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));
    UUID failed = called(fixtures.submittedSession(playground, tester, "model_b", 1, 2, 1, AT));
    UUID noCall = fixtures.submittedSession(playground, fixtures.tester("bob"), "model_a");
    UUID notYet = called(fixtures.assignedSession(playground, fixtures.tester("cy"), "model_b"));
    rows.fetch(pending, "pending", 2, "429 Too Many Requests");
    rows.fetch(failed, "failed", 8, "500 from ElevenLabs");

    assertThat(missing(pending))
        .isEqualTo(
            "Being fetched from ElevenLabs: 2 attempts so far, next at 2026-11-25 10:10:00 UTC."
                + " Last error: 429 Too Many Requests");
    assertThat(missing(failed))
        .isEqualTo(
            "Could not be fetched from ElevenLabs (8 attempts). Last error: 500 from ElevenLabs");
    assertThat(missing(noCall)).startsWith("No call: the tester's page reported no call");
    assertThat(missing(notYet))
        .isEqualTo("Not fetched from ElevenLabs yet: it is fetched after the call ends.");
  }

  @Test
  void shouldSayWhenAStoredConversationIsBeingFetchedAgain() {
    UUID session = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));
    rows.stored(session);
    rows.fetch(session, "pending", 3, "still processing");

    Document page = page(sessionPage(owner, session));

    assertThat(page.getElementById("fetch-state").text())
        .isEqualTo("Fetching again (attempt 3; last error: still processing).");
    assertThat(page.select("#transcript li")).hasSize(3);
  }

  @Test
  void shouldLinkTheOtherAgentsSessionOfTheSameRound() {
    UUID first = fixtures.submittedSession(playground, tester, "model_b", 1, 1, 1, AT);
    UUID second = fixtures.submittedSession(playground, tester, "model_a", 1, 2, 1, AT);
    UUID nextRound = fixtures.submittedSession(playground, tester, "model_a", 2, 1, 1, AT);
    // another tester's round 1 is no part of this tester's
    fixtures.submittedSession(playground, fixtures.tester("bob"), "model_a", 1, 2, 1, AT);

    assertThat(otherSessionLink(first))
        .isEqualTo("/manage/playgrounds/" + playground + "/sessions/" + second);
    assertThat(otherSessionLink(second))
        .isEqualTo("/manage/playgrounds/" + playground + "/sessions/" + first);
    assertThat(page(sessionPage(owner, nextRound)).getElementById("other-session"))
        .as("the second agent of round 2 was never met")
        .isNull();
  }

  @Test
  void shouldShowAnotherAdminNoSessionAndNoConversation() {
    UUID session = called(fixtures.submittedSession(playground, tester, "model_a", 1, 1, 1, AT));
    rows.stored(session);

    assertThat(sessionPage(fixtures.adminPerson("other"), session))
        .hasStatus(HttpStatus.NOT_FOUND)
        .bodyText()
        .doesNotContain("Hello, this is the clinic.");
  }

  private UUID called(UUID session) {
    fixtures
        .jdbc()
        .sql(
            "UPDATE evaluation_sessions SET call_started_at = started_at + interval '1 minute'"
                + " WHERE id = ?")
        .param(session)
        .update();
    return session;
  }

  private String missing(UUID session) {
    return page(sessionPage(owner, session)).getElementById("no-conversation").text();
  }

  private String otherSessionLink(UUID session) {
    return page(sessionPage(owner, session)).getElementById("other-session").attr("href");
  }

  private MvcTestResult sessionPage(Person user, UUID session) {
    return mvc.get()
        .uri("/manage/playgrounds/{id}/sessions/{s}", playground, session)
        .with(user.signedIn())
        .exchange();
  }
}
