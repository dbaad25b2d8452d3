package com.earshot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.earshot.identity.Role;
import com.earshot.support.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The job against a real HTTP stand-in for ElevenLabs: each outcome, stored or waited for. */
@ExtendWith(OutputCaptureExtension.class)
class FetchJobTests extends ElevenLabsStandIn {

  @Autowired FetchJob job;
  @Autowired Fetches fetches;
  @Autowired ApiKeys keys;

  @Test
  void anEndedCallIsQueuedOnceAndFetchedUntilElevenLabsIsDone() {
    Call call = endedCall("conv_processing_then_done");
    fixtures
        .jdbc()
        .sql("UPDATE evaluation_sessions SET status = 'expired' WHERE id = ?")
        .param(call.session())
        .update();
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .inScenario("analysis")
            .whenScenarioStateIs(STARTED)
            .willReturn(json(conversation(call.conversationId(), "agent_model_a", "processing", 4)))
            .willSetStateTo("analysed"));
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .inScenario("analysis")
            .whenScenarioStateIs("analysed")
            .willReturn(json(conversation(call.conversationId(), "agent_model_a", "done", 4))));

    job.runOnce();

    Map<String, Object> waiting = fetchRow(call.session());
    assertThat(waiting.get("state")).isEqualTo("pending");
    assertThat(waiting.get("attempts")).isEqualTo(1);
    assertThat(waiting.get("last_error"))
        .isEqualTo("ElevenLabs is still working on the conversation (processing).");
    assertThat(waiting.get("claimed_until")).isNull();
    assertThat(stored(call.session()).get("status")).isEqualTo("processing");

    due(call.session());
    job.runOnce();
    due(call.session());
    job.runOnce();

    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    assertThat(fetchRow(call.session()).get("last_error")).isNull();
    assertThat(requestsFor(conversationPath(call.conversationId()))).isEqualTo(2);
    Map<String, Object> row = stored(call.session());
    assertThat(row)
        .containsEntry("status", "done")
        .containsEntry("agent_id", "agent_model_a")
        .containsEntry("version_id", "agtvrsn_0901k4aafjxxfxt93gd841r7tv5t")
        .containsEntry("duration_secs", 10)
        .containsEntry("termination_reason", "end_call tool was called.")
        .containsEntry("main_language", "en")
        .containsEntry("call_successful", "success")
        .containsEntry("transcript_summary", "Caller rescheduled.")
        .containsEntry("has_audio", true)
        .containsEntry("playground_id", call.playground());
    assertThat(JSON.readTree(row.get("transcript").toString()).get(2))
        .isEqualTo(
            JSON.readTree(
                "{\"role\":\"agent\",\"message\":null,\"time_in_call_secs\":4,"
                    + "\"interrupted\":false,\"tool_calls\":[\"find_slots\"]}"));
    assertThat(JSON.readTree(row.get("evaluation_results").toString()))
        .isEqualTo(
            JSON.readTree(
                "{\"confirmed_slot\": {\"result\": \"success\", \"rationale\": \"Read back.\"}}"));
    assertThat(JSON.readTree(row.get("data_collection").toString()))
        .isEqualTo(
            JSON.readTree(
                "{\"new_slot\": {\"value\": \"Friday 14:30\", \"rationale\": \"Stated.\"}}"));
  }

  @Test
  void aRateLimitWaitsAsLongAsElevenLabsSays() {
    Call call = endedCall("conv_rate_limited");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "120")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"detail\":{\"status\":\"too_many_concurrent_requests\",\"message\":\"Too"
                            + " many concurrent requests.\"}}")));

    job.runOnce();

    Map<String, Object> row = fetchRow(call.session());
    assertThat(row.get("state")).isEqualTo("pending");
    assertThat(row.get("last_error"))
        .isEqualTo("ElevenLabs answered HTTP 429 (too_many_concurrent_requests).");
    assertThat(secondsFromNow(row)).isCloseTo(120, within(5L));
  }

  @Test
  void aRateLimitWithoutRetryAfterBacksOffAndLongerEachTime() {
    Call call = endedCall("conv_rate_limited_silently");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withBody("{\"detail\":{\"status\":\"system_busy\",\"message\":\"busy\"}}")));

    job.runOnce();
    long first = secondsFromNow(fetchRow(call.session()));
    due(call.session());
    job.runOnce();
    long second = secondsFromNow(fetchRow(call.session()));

    assertThat(first).isCloseTo(15, within(3L));
    assertThat(second).isCloseTo(30, within(3L));
    assertThat(fetchRow(call.session()).get("attempts")).isEqualTo(2);
  }

  @Test
  void serverErrorsAreRetriedUpToTheBoundThenTheFetchFails() {
    Call call = endedCall("conv_server_error");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(aResponse().withStatus(500).withBody("Internal Server Error")));

    for (int i = 0; i < 6; i++) {
      due(call.session());
      job.runOnce();
    }

    Map<String, Object> row = fetchRow(call.session());
    assertThat(row.get("state")).isEqualTo("failed");
    assertThat(row.get("attempts")).isEqualTo(4);
    assertThat(row.get("last_error"))
        .isEqualTo("ElevenLabs answered HTTP 500. Gave up after 4 attempts.");
    assertThat(requestsFor(conversationPath(call.conversationId()))).isEqualTo(4);
  }

  @Test
  void aTimeoutIsRetried() {
    Call call = endedCall("conv_slow");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(
                json(conversation(call.conversationId(), "agent_model_a", "done", 2))
                    .withFixedDelay(4000)));

    job.runOnce();

    Map<String, Object> row = fetchRow(call.session());
    assertThat(row.get("state")).isEqualTo("pending");
    assertThat(row.get("last_error")).isEqualTo("ElevenLabs did not answer within 2 s.");
    assertThat(storedConversations(call.session())).isZero();
  }

  @Test
  void malformedJsonIsRetried() {
    Call call = endedCall("conv_malformed");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"agent_id\": \"agent_model_a\", \"transcript\": [")));

    job.runOnce();

    assertThat(fetchRow(call.session()))
        .containsEntry("state", "pending")
        .containsEntry("last_error", "ElevenLabs answered with malformed JSON.");
    assertThat(storedConversations(call.session())).isZero();
  }

  @Test
  void aTwoHourCallOf3000TurnsIsStoredWhole() {
    Call call = endedCall("conv_two_hours");
    Map<String, Object> body = conversation(call.conversationId(), "agent_model_a", "done", 3000);
    ((Map<String, Object>) body.get("metadata")).put("call_duration_secs", 7200);
    ELEVENLABS.stubFor(getConversation(call.conversationId()).willReturn(json(body)));

    job.runOnce();

    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    Map<String, Object> row =
        fixtures
            .jdbc()
            .sql(
                "SELECT jsonb_array_length(transcript) AS turns, transcript -> 2999 ->> 'message' AS"
                    + " last, duration_secs FROM conversations WHERE session_id = ?")
            .param(call.session())
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("turns", 3000)
        .containsEntry("last", "Turn 2999 <script>alert(1)</script>")
        .containsEntry("duration_secs", 7200);
  }

  @Test
  void anotherAgentsConversationIsRefusedForGood() {
    Call call = endedCall("conv_of_another_agent");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(
                json(conversation(call.conversationId(), "agent_someone_else", "done", 2))));

    job.runOnce();
    due(call.session());
    job.runOnce();

    assertThat(fetchRow(call.session()))
        .containsEntry("state", "failed")
        .containsEntry(
            "last_error", "Another agent's conversation: the model's agent is agent_model_a.");
    assertThat(storedConversations(call.session())).isZero();
    assertThat(requestsFor(conversationPath(call.conversationId()))).isEqualTo(1);
  }

  @Test
  void aSessionWhosePageReportedNoIdIsFoundByItsUserId() {
    Call call = endedCall(null);
    String found = "conv_found_by_user";
    ELEVENLABS.stubFor(
        get(urlPathEqualTo("/v1/convai/conversations"))
            .withQueryParam("agent_id", equalTo("agent_model_a"))
            .withQueryParam("user_id", equalTo(call.callReference().toString()))
            .willReturn(
                json(
                    Map.of(
                        "conversations",
                        List.of(
                            Map.of(
                                "agent_id", "agent_model_a",
                                "conversation_id", "conv_a_later_call",
                                "start_time_unix_secs", 1767261900,
                                "call_duration_secs", 20,
                                "message_count", 2,
                                "status", "done",
                                "call_successful", "unknown"),
                            Map.of(
                                "agent_id",
                                "agent_model_a",
                                "conversation_id",
                                found,
                                "start_time_unix_secs",
                                1767261600,
                                "call_duration_secs",
                                74,
                                "message_count",
                                6,
                                "status",
                                "done",
                                "call_successful",
                                "success")),
                        "has_more",
                        false))));
    ELEVENLABS.stubFor(
        getConversation(found).willReturn(json(conversation(found, "agent_model_a", "done", 6))));

    job.runOnce();

    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    assertThat(stored(call.session()).get("conversation_id")).isEqualTo(found);
  }

  @Test
  void aPlaygroundsOwnKeyIsUsedAndNoKeyIsEverLogged(CapturedOutput output) {
    Call call = endedCall("conv_with_own_key");
    String ownKey = "sk_playground0123456789abcdef0123456789abcd";
    Person owner = fixtures.person(call.admin(), Role.ADMIN);
    owner.run(() -> keys.set(call.playground(), ownKey));
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(call.conversationId())))
            .withHeader("xi-api-key", equalTo(ownKey))
            .willReturn(aResponse().withStatus(500)));

    job.runOnce();
    due(call.session());
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(call.conversationId())))
            .withHeader("xi-api-key", equalTo(ownKey))
            .willReturn(json(conversation(call.conversationId(), "agent_model_a", "done", 2))));
    job.runOnce();

    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    assertThat(output.getAll()).doesNotContain(ownKey).doesNotContain(WORKSPACE_KEY);
  }

  @Test
  void aRowClaimedByAnInstanceThatStoppedIsWorkedAgainWhenItsLeaseRunsOut() {
    Call call = endedCall("conv_after_restart");
    ELEVENLABS.stubFor(
        getConversation(call.conversationId())
            .willReturn(json(conversation(call.conversationId(), "agent_model_a", "done", 2))));
    // An instance claims the row, then stops before it reports anything.
    assertThat(fetches.claim(10, Duration.ofMinutes(5), true))
        .extracting(Fetches.Claim::session)
        .containsExactly(call.session());

    job.runOnce();
    assertThat(requestsFor(conversationPath(call.conversationId()))).isZero();

    fixtures
        .jdbc()
        .sql(
            "UPDATE conversation_fetches SET claimed_until = now() - interval '1 second' WHERE session_id = ?")
        .param(call.session())
        .update();
    job.runOnce();

    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    assertThat(requestsFor(conversationPath(call.conversationId()))).isEqualTo(1);
  }

  @Test
  void aModelWithoutAnAgentIdQueuesNothing() {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    fixtures
        .jdbc()
        .sql(
            "UPDATE model_configurations SET embed_code = '<elevenlabs-convai"
                + " signed-url=\"wss://api.elevenlabs.io/x\"></elevenlabs-convai>' WHERE"
                + " playground_id = ?")
        .param(playground)
        .update();
    UUID session = fixtures.submittedSession(playground, fixtures.tester("caller"), "model_a");

    assertThat(
            fixtures
                .jdbc()
                .sql("SELECT count(*) FROM conversation_fetches WHERE session_id = ?")
                .param(session)
                .query(Long.class)
                .single())
        .isZero();
  }

  private Map<String, Object> stored(UUID session) {
    return fixtures
        .jdbc()
        .sql("SELECT * FROM conversations WHERE session_id = ?")
        .param(session)
        .query()
        .singleRow();
  }

  private static long secondsFromNow(Map<String, Object> row) {
    return ((Number) row.get("wait_secs")).longValue();
  }
}
