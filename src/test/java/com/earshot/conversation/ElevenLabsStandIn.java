package com.earshot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ElevenLabs API as a real HTTP server (WireMock) answering in the documented shapes, and the
 * app connected to it with a workspace key, a webhook secret and an encryption key: one context for
 * every class that extends this. The scheduled poll is an hour apart, so tests run the job
 * themselves.
 */
@EarshotTest
abstract class ElevenLabsStandIn {

  static final String WORKSPACE_KEY = "sk_workspace0123456789abcdef0123456789abcdef01";
  static final String WEBHOOK_SECRET = "wsec_test_secret_for_hmac";
  static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final WireMockServer ELEVENLABS = new WireMockServer(options().dynamicPort());

  static {
    ELEVENLABS.start();
    // Its first answer takes a while (the server warms up): not in a test with a 2 s timeout.
    try {
      java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(ELEVENLABS.baseUrl() + "/warm-up"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException("The ElevenLabs stand-in does not answer", e);
    }
  }

  @DynamicPropertySource
  static void connect(DynamicPropertyRegistry registry) {
    properties().forEach((name, value) -> registry.add(name, () -> value));
  }

  static Map<String, Object> properties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("earshot.elevenlabs.base-url", ELEVENLABS.baseUrl());
    properties.put("earshot.elevenlabs.api-key", WORKSPACE_KEY);
    properties.put("earshot.elevenlabs.webhook-secret", WEBHOOK_SECRET);
    properties.put("earshot.elevenlabs.key-encryption-key", ENCRYPTION_KEY);
    properties.put("earshot.elevenlabs.fetch-interval", "1h");
    properties.put("earshot.elevenlabs.request-timeout", "2s");
    properties.put("earshot.elevenlabs.max-attempts", "4");
    return properties;
  }

  final Fixtures fixtures = new Fixtures();

  /**
   * Only this test's rows are due: other classes' sessions (same database) wait, and the stand-in
   * forgets what earlier tests asked.
   */
  @BeforeEach
  void parkTheQueue() {
    fixtures
        .jdbc()
        .sql(
            "UPDATE conversation_fetches SET next_attempt_at = now() + interval '1 day'"
                + " WHERE state = 'pending'")
        .update();
    ELEVENLABS.resetAll();
  }

  /** A session of a fresh playground (agent {@code agent_model_a}) whose call ended. */
  record Call(
      UUID admin, UUID playground, UUID session, UUID callReference, String conversationId) {}

  Call endedCall(String conversationId) {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    UUID tester = fixtures.tester("caller");
    UUID session = fixtures.assignedSession(playground, tester, "model_a");
    fixtures
        .jdbc()
        .sql(
            "UPDATE evaluation_sessions SET conversation_id = ?, call_started_at = now(),"
                + " call_ended_at = now() WHERE id = ?")
        .params(conversationId, session)
        .update();
    UUID reference =
        fixtures
            .jdbc()
            .sql("SELECT call_reference FROM evaluation_sessions WHERE id = ?")
            .param(session)
            .query(UUID.class)
            .single();
    return new Call(admin, playground, session, reference, conversationId);
  }

  static String conversationPath(String id) {
    return "/v1/convai/conversations/" + id;
  }

  static MappingBuilder getConversation(String id) {
    return get(urlPathEqualTo(conversationPath(id)))
        .withHeader("xi-api-key", equalTo(WORKSPACE_KEY));
  }

  static int requestsFor(String path) {
    return ELEVENLABS
        .countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build())
        .getCount();
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(Object body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(JSON.writeValueAsString(body));
  }

  /** GET conversation's answer, as documented: some fields null, some left out. */
  static Map<String, Object> conversation(String id, String agent, String status, int turns) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent_id", agent);
    body.put("agent_name", "Clinic receptionist");
    body.put("conversation_id", id);
    body.put("status", status);
    body.put("user_id", null);
    body.put("version_id", "agtvrsn_0901k4aafjxxfxt93gd841r7tv5t");
    body.put("has_audio", true);
    body.put("has_user_audio", true);
    body.put("has_response_audio", true);
    body.put("some_field_added_later", Map.of("x", 1));
    List<Map<String, Object>> transcript = new ArrayList<>();
    for (int i = 0; i < turns; i++) {
      Map<String, Object> turn = new LinkedHashMap<>();
      turn.put("role", i % 2 == 0 ? "agent" : "user");
      turn.put("message", i == 2 ? null : "Turn " + i + " <script>alert(1)</script>");
      turn.put("time_in_call_secs", i * 2);
      if (i % 3 == 0) {
        turn.put("interrupted", i % 6 == 0);
      }
      turn.put(
          "tool_calls",
          i == 2
              ? List.of(
                  Map.of(
                      "type", "webhook",
                      "request_id", "req_1",
                      "tool_name", "find_slots",
                      "params_as_json", "{\"day\":\"friday\"}",
                      "tool_has_been_called", true))
              : null);
      turn.put("source_medium", "audio_v2");
      transcript.add(turn);
    }
    body.put("transcript", transcript);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("start_time_unix_secs", 1767261600);
    metadata.put("call_duration_secs", turns * 2 + 2);
    metadata.put("termination_reason", "end_call tool was called.");
    metadata.put("main_language", "en");
    metadata.put("error", null);
    metadata.put("authorization_method", "a_method_added_later");
    body.put("metadata", metadata);
    if ("done".equals(status)) {
      body.put(
          "analysis",
          Map.of(
              "call_successful",
              "success",
              "transcript_summary",
              "Caller rescheduled.",
              "evaluation_criteria_results",
              Map.of(
                  "confirmed_slot",
                  Map.of(
                      "criteria_id", "confirmed_slot",
                      "result", "success",
                      "rationale", "Read back.")),
              "data_collection_results",
              Map.of(
                  "new_slot",
                  Map.of(
                      "data_collection_id", "new_slot",
                      "value", "Friday 14:30",
                      "rationale", "Stated."))));
    } else {
      body.put("analysis", null);
    }
    return body;
  }

  Map<String, Object> fetchRow(UUID session) {
    return fixtures
        .jdbc()
        .sql(
            "SELECT state, attempts, last_error, claimed_until,"
                + " extract(epoch FROM next_attempt_at - now()::timestamp)::bigint AS wait_secs"
                + " FROM conversation_fetches WHERE session_id = ?")
        .param(session)
        .query()
        .singleRow();
  }

  /** The row is due now (as if its wait were over). */
  void due(UUID session) {
    fixtures
        .jdbc()
        .sql("UPDATE conversation_fetches SET next_attempt_at = now() WHERE session_id = ?")
        .param(session)
        .update();
  }

  long storedConversations(UUID session) {
    return fixtures
        .jdbc()
        .sql("SELECT count(*) FROM conversations WHERE session_id = ?")
        .param(session)
        .query(Long.class)
        .single();
  }
}
