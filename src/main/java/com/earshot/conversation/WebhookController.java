package com.earshot.conversation;

import static com.earshot.conversation.ElevenLabsClient.text;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ElevenLabs' post-call webhook, the fast path beside the job: signed, not signed in (its own
 * filter chain, {@link WebhookSecurity}). A {@code post_call_transcription} of a queued session is
 * stored as the job stores it; anything else (another event, an unknown conversation) is answered
 * 200 and ignored, so ElevenLabs never disables the webhook for it. A bad, stale or replayed
 * signature is 401, with no detail, and audited.
 */
@RestController
class WebhookController {

  static final String PATH = "/webhooks/elevenlabs";

  /**
   * The largest delivery read: a transcription of hours; audio deliveries are bigger and refused.
   */
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

  private final ElevenLabsProperties properties;
  private final Fetches fetches;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final AuditLog audit;
  private final Clock clock;

  WebhookController(
      ElevenLabsProperties properties,
      Fetches fetches,
      JdbcClient jdbc,
      JsonMapper json,
      AuditLog audit,
      Optional<Clock> clock) {
    this.properties = properties;
    this.fetches = fetches;
    this.jdbc = jdbc;
    this.json = json;
    this.audit = audit;
    this.clock = clock.orElse(Clock.systemUTC());
  }

  @PostMapping(PATH)
  ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
    if (properties.webhookSecret() == null) {
      return refused("no webhook secret configured");
    }
    WebhookSignature.Valid valid;
    try {
      valid =
          WebhookSignature.check(
              request.getHeader("ElevenLabs-Signature"),
              body,
              properties.webhookSecret(),
              clock.instant());
    } catch (WebhookSignature.Refused e) {
      return refused(e.getMessage());
    }
    if (!firstSeen(valid.signature())) {
      return refused("signature seen before (a replay)");
    }
    handle(body);
    return ResponseEntity.ok().build();
  }

  private void handle(byte[] body) {
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (JacksonException e) {
      LOG.info("ElevenLabs webhook with a body that is not JSON ignored");
      return;
    }
    if (event == null || !"post_call_transcription".equals(text(event, "type"))) {
      return;
    }
    JsonNode data = event.path("data");
    String conversationId = text(data, "conversation_id");
    if (conversationId == null) {
      return;
    }
    fetches
        .find(conversationId, text(data, "user_id"))
        .filter(queued -> !"done".equals(queued.state()) && !"failed".equals(queued.state()))
        .ifPresent(
            queued -> fetches.store(queued.session(), queued.playground(), queued.agentId(), data));
  }

  private boolean firstSeen(String signature) {
    return Boolean.TRUE.equals(
        jdbc.sql("SELECT elevenlabs_webhook_first_seen(?)")
            .param(signature)
            .query(Boolean.class)
            .single());
  }

  private ResponseEntity<Void> refused(String reason) {
    audit.recordRefusal(
        AuditEntry.of("security.webhook_signature_refused")
            .details(Map.of("path", PATH, "reason", reason)));
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
  }
}
