package com.earshot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.earshot.support.ConversationRows;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** A session's conversation and fetch state as the owning admin reads them, and nobody else. */
@EarshotTest
class ConversationsTests {

  @Autowired Conversations conversations;
  @Autowired JsonMapper json;

  final Fixtures fixtures = new Fixtures();
  final ConversationRows rows = new ConversationRows(fixtures.jdbc());
  Person owner;
  UUID playground;
  UUID session;

  @BeforeEach
  void aSubmittedSession() {
    owner = fixtures.adminPerson("owner");
    playground = fixtures.abPlayground(owner.id());
    session = fixtures.submittedSession(playground, fixtures.tester("ann"), "model_a");
  }

  @Test
  void shouldReadEveryColumnOfTheStoredConversation() {
    String id = rows.stored(session);

    Conversation conversation = owner.call(() -> conversations.of(session)).orElseThrow();

    assertThat(conversation.conversationId()).isEqualTo(id);
    assertThat(conversation.sessionId()).isEqualTo(session);
    assertThat(conversation.agentId()).isEqualTo("agent_7101k2e0x3f9");
    assertThat(conversation.status()).isEqualTo("done");
    assertThat(conversation.versionId()).isEqualTo("agtvrsn_0901k4aa");
    assertThat(conversation.branchId()).isEqualTo("agtbrch_main");
    assertThat(conversation.startedAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 10, 0, 5));
    assertThat(conversation.durationSecs()).isEqualTo(74);
    assertThat(conversation.duration()).isEqualTo("1:14");
    assertThat(conversation.terminationReason()).isEqualTo("end_call tool was called.");
    assertThat(conversation.mainLanguage()).isEqualTo("en");
    assertThat(conversation.callSuccessful()).isEqualTo("success");
    assertThat(conversation.transcriptSummary()).isEqualTo("The tester booked Tuesday.");
    assertThat(conversation.hasAudio()).isTrue();
    assertThat(conversation.fetchedAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 10, 7));
    assertThat(conversation.transcript())
        .extracting(
            Conversation.Turn::speaker,
            Conversation.Turn::message,
            Conversation.Turn::time,
            Conversation.Turn::interrupted,
            Conversation.Turn::toolCalls)
        .containsExactly(
            tuple("Agent", "Hello, this is the clinic.", "0:00", false, List.of()),
            tuple("Tester", "I'd like an appointment on Tuesday.", "0:04", true, List.of()),
            tuple("Agent", null, "1:15", false, List.of("book_slot", "end_call")));
    assertThat(conversation.evaluationResults())
        .containsExactlyInAnyOrder(
            new Conversation.EvaluationResult("booked", "success", "A slot was booked."),
            new Conversation.EvaluationResult("polite", "unknown", null));
    assertThat(conversation.dataCollection())
        .containsExactlyInAnyOrder(
            new Conversation.CollectedValue("day", "Tuesday", "The tester said so."),
            new Conversation.CollectedValue("party_size", "2", "Two people."),
            new Conversation.CollectedValue("phone", null, null));
  }

  @Test
  void shouldReadATranscriptOfAnotherShapeAsFarAsItCan() {
    rows.stored(
        session,
        """
        [{"role": "agent", "message": 42, "time_in_call_secs": "soon", "interrupted": "yes",
          "tool_calls": "end_call", "new_field": {"x": 1}},
         {"message": "No role"},
         {"role": "narrator", "message": "A role added later", "time_in_call_secs": 7384}]
        """,
        false);

    List<Conversation.Turn> turns =
        owner.call(() -> conversations.of(session)).orElseThrow().transcript();

    assertThat(turns)
        .extracting(
            Conversation.Turn::speaker,
            Conversation.Turn::message,
            Conversation.Turn::time,
            Conversation.Turn::interrupted,
            Conversation.Turn::toolCalls)
        .containsExactly(
            tuple("Agent", null, "0:00", false, List.of()),
            tuple("unknown", "No role", "0:00", false, List.of()),
            tuple("narrator", "A role added later", "2:03:04", false, List.of()));
  }

  @Test
  void shouldSayWhereTheFetchStands() {
    UUID pending = fixtures.submittedSession(playground, fixtures.tester("bob"), "model_b");
    UUID failed = fixtures.submittedSession(playground, fixtures.tester("cy"), "model_b");
    rows.fetch(pending, "pending", 2, "429 Too Many Requests");
    rows.fetch(failed, "failed", 8, "500 from ElevenLabs");
    // a session still under way has not been queued (its ending queues it)
    UUID open = fixtures.assignedSession(playground, fixtures.tester("dee"), "model_a");

    assertThat(owner.call(() -> conversations.state(open))).isEqualTo(FetchState.NOT_QUEUED);
    assertThat(owner.call(() -> conversations.state(session)).state())
        .isEqualTo(FetchState.State.PENDING);
    assertThat(owner.call(() -> conversations.state(pending)))
        .isEqualTo(
            new FetchState(
                FetchState.State.PENDING,
                2,
                LocalDateTime.of(2026, 11, 25, 10, 10),
                "429 Too Many Requests"));
    assertThat(owner.call(() -> conversations.state(failed)))
        .isEqualTo(new FetchState(FetchState.State.FAILED, 8, null, "500 from ElevenLabs"));
  }

  @Test
  void shouldSummariseManySessionsInOneGo() {
    // sessions still under way are not queued yet: one with a conversation (the webhook came first)
    UUID fetchedOnly = fixtures.assignedSession(playground, fixtures.tester("bob"), "model_b");
    UUID queuedOnly = fixtures.submittedSession(playground, fixtures.tester("cy"), "model_b");
    UUID neither = fixtures.assignedSession(playground, fixtures.tester("di"), "model_a");
    rows.stored(session);
    rows.fetch(session, "done", 1, null);
    rows.stored(fetchedOnly);
    rows.fetch(queuedOnly, "failed", 3, "refused: another agent's conversation");

    Map<UUID, ConversationSummary> summaries =
        owner.call(
            () -> conversations.summaries(List.of(session, fetchedOnly, queuedOnly, neither)));

    assertThat(summaries)
        .containsOnlyKeys(session, fetchedOnly, queuedOnly, neither)
        .containsEntry(
            session,
            new ConversationSummary(
                "done",
                74,
                "agtvrsn_0901k4aa",
                new FetchState(FetchState.State.DONE, 1, null, null)))
        .containsEntry(
            fetchedOnly,
            new ConversationSummary("done", 74, "agtvrsn_0901k4aa", FetchState.NOT_QUEUED))
        .containsEntry(
            queuedOnly,
            new ConversationSummary(
                null,
                null,
                null,
                new FetchState(
                    FetchState.State.FAILED, 3, null, "refused: another agent's conversation")))
        .containsEntry(neither, ConversationSummary.NONE);
    assertThat(summaries.get(session).duration()).isEqualTo("1:14");
    assertThat(owner.call(() -> conversations.summaries(List.of()))).isEmpty();
  }

  @Test
  void shouldShowNobodyButTheOwningAdminAConversation() {
    rows.stored(session);
    rows.fetch(session, "done", 1, null);
    Person otherAdmin = fixtures.adminPerson("other");
    Person tester = fixtures.testerPerson("curious");

    for (Person someone : List.of(otherAdmin, tester)) {
      assertThat(someone.call(() -> conversations.of(session))).isEmpty();
      assertThat(someone.call(() -> conversations.state(session))).isEqualTo(FetchState.NOT_QUEUED);
      assertThat(someone.call(() -> conversations.summaries(List.of(session))))
          .containsEntry(session, ConversationSummary.NONE);
    }
    assertThat(owner.call(() -> conversations.of(session))).isPresent();
  }

  @Test
  void shouldBeConnectedWithAPlaygroundKeyOrAWorkspaceKey() {
    UUID second = fixtures.abPlayground(owner.id());
    rows.apiKey(second);

    // the tests configure no workspace key
    assertThat(owner.call(() -> conversations.connected(playground))).isFalse();
    assertThat(owner.call(() -> conversations.connected(second))).isTrue();
    Person otherAdmin = fixtures.adminPerson("other");
    assertThat(otherAdmin.call(() -> conversations.connected(second)))
        .as("another admin cannot see that the playground has a key")
        .isFalse();

    Conversations withWorkspaceKey =
        new Conversations(fixtures.jdbc(), json, settingsWithKey("sk_workspace"));
    assertThat(withWorkspaceKey.connected(playground)).isTrue();
    assertThat(new Conversations(fixtures.jdbc(), json, settingsWithKey(" ")).connected(playground))
        .isFalse();
  }

  private static ElevenLabsProperties settingsWithKey(String apiKey) {
    return new ElevenLabsProperties(
        apiKey,
        URI.create("https://api.elevenlabs.io"),
        null,
        null,
        Duration.ofSeconds(30),
        20,
        Duration.ofSeconds(10));
  }
}
