package com.earshot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * ElevenLabs' post-call webhook: signed as ElevenLabs signs (no CSRF token, no session), stored as
 * the job stores it; a wrong, stale, future or replayed signature is 401 with nothing stored.
 */
class WebhookTests extends ElevenLabsStandIn {

  @Autowired MockMvcTester mvc;

  @Test
  void aSignedTranscriptionIsStoredAndTheFetchDone() {
    Call call = endedCall("conv_webhook_valid");
    String body = transcription(call.conversationId(), "agent_model_a");

    MvcTestResult result = deliver(body, signature(now(), body));

    assertThat(result).hasStatusOk();
    assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
    assertThat(fetchRow(call.session()).get("state")).isEqualTo("done");
    assertThat(
            fixtures
                .jdbc()
                .sql(
                    "SELECT status, jsonb_array_length(transcript) FROM conversations WHERE session_id = ?")
                .param(call.session())
                .query()
                .singleRow())
        .containsEntry("status", "done")
        .containsEntry("jsonb_array_length", 3);
  }

  @Test
  void aWrongSignatureIsRefusedAndAudited() {
    Call call = endedCall("conv_webhook_wrong");
    String body = transcription(call.conversationId(), "agent_model_a");
    String tampered = body.replace("Turn 0", "Turn X");

    long before = refusalsAudited();

    MvcTestResult result = deliver(tampered, signature(now(), body));

    assertThat(result).hasStatus(401);
    assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
    assertThat(storedConversations(call.session())).isZero();
    assertThat(refusalsAudited()).isEqualTo(before + 1);
  }

  /** Refused deliveries audited (coalesced per minute: a row and its count of repeats). */
  private long refusalsAudited() {
    return fixtures
        .jdbc()
        .sql(
            """
            SELECT (SELECT count(*) FROM audit_log WHERE action = :action)
                 + (SELECT coalesce(sum(repeats), 0) FROM audit_log_repeats WHERE action = :action)
            """)
        .param("action", "security.webhook_signature_refused")
        .query(Long.class)
        .single();
  }

  @Test
  void aStaleOrFarFutureTimestampIsRefused() {
    Call call = endedCall("conv_webhook_stale");
    String body = transcription(call.conversationId(), "agent_model_a");

    assertThat(deliver(body, signature(now() - 31 * 60, body))).hasStatus(401);
    assertThat(deliver(body, signature(now() + 60 * 60, body))).hasStatus(401);
    assertThat(deliver(body, "v0=" + WebhookSignature.hmac(WEBHOOK_SECRET, "1", body.getBytes())))
        .hasStatus(401);
    assertThat(deliver(body, null)).hasStatus(401);

    assertThat(storedConversations(call.session())).isZero();
    // Within the tolerance (29 minutes old) it is taken.
    assertThat(deliver(body, signature(now() - 29 * 60, body))).hasStatusOk();
    assertThat(storedConversations(call.session())).isOne();
  }

  @Test
  void aReplayedDeliveryIsRefused() {
    Call call = endedCall("conv_webhook_replayed");
    String body = transcription(call.conversationId(), "agent_model_a");
    String signature = signature(now(), body);

    assertThat(deliver(body, signature)).hasStatusOk();
    assertThat(deliver(body, signature)).hasStatus(401);
  }

  @Test
  void otherEventsAndUnknownConversationsAreAnswered200AndIgnored() {
    Call call = endedCall("conv_webhook_known");
    String unknown = transcription("conv_nobody_knows", "agent_model_a");
    String audio =
        "{\"type\":\"post_call_audio\",\"event_timestamp\":1739537319,\"data\":{\"agent_id\":"
            + "\"agent_model_a\",\"conversation_id\":\"conv_webhook_known\",\"full_audio\":\"SUQzBAAA\"}}";
    String another = transcription(call.conversationId(), "agent_someone_else");

    assertThat(deliver(unknown, signature(now(), unknown))).hasStatusOk();
    assertThat(deliver(audio, signature(now(), audio))).hasStatusOk();
    assertThat(storedConversations(call.session())).isZero();
    assertThat(fetchRow(call.session()).get("state")).isEqualTo("pending");

    assertThat(deliver(another, signature(now(), another))).hasStatusOk();
    assertThat(storedConversations(call.session())).isZero();
    assertThat(fetchRow(call.session()).get("state")).isEqualTo("failed");
  }

  private MvcTestResult deliver(String body, String signature) {
    var request =
        mvc.post()
            .uri("/webhooks/elevenlabs")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (signature != null) {
      request = request.header("ElevenLabs-Signature", signature);
    }
    return request.exchange();
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  static String signature(long timestamp, String body) {
    return "t="
        + timestamp
        + ",v0="
        + WebhookSignature.hmac(WEBHOOK_SECRET, String.valueOf(timestamp), body.getBytes());
  }

  static String transcription(String conversationId, String agent) {
    return JSON.writeValueAsString(
        Map.of(
            "type", "post_call_transcription",
            "event_timestamp", now(),
            "data", conversation(conversationId, agent, "done", 3)));
  }
}
