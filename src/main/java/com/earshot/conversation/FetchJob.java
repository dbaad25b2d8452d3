package com.earshot.conversation;

import com.earshot.conversation.ElevenLabsException.Kind;
import com.earshot.conversation.Fetches.Claim;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The safety net behind the webhook, in every instance: claims due fetches (a lease, so that any
 * number of instances share the queue and a row whose instance stopped mid-fetch is worked again
 * when its lease runs out), reads each conversation from ElevenLabs and stores it. While ElevenLabs
 * is still processing, on 429 (its Retry-After honoured), 5xx, timeouts and malformed answers the
 * row waits, longer each time, up to {@code maxAttempts}.
 */
@Component
class FetchJob {

  static final String NO_KEY =
      "The playground's ElevenLabs API key does not decrypt (was EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY"
          + " changed?) and EARSHOT_ELEVENLABS_APIKEY is not set: set the key again.";

  private static final Logger LOG = LoggerFactory.getLogger(FetchJob.class);
  private static final int BATCH = 10;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  private static final Duration LONGEST_RETRY = Duration.ofHours(1);

  /** A row whose key is unusable is looked at again this often: it may have been set anew. */
  private static final Duration NO_KEY_RECHECK = Duration.ofMinutes(10);

  private final Fetches fetches;
  private final ElevenLabsClient client;
  private final ApiKeys keys;
  private final ElevenLabsProperties properties;

  FetchJob(
      Fetches fetches, ElevenLabsClient client, ApiKeys keys, ElevenLabsProperties properties) {
    this.fetches = fetches;
    this.client = client;
    this.keys = keys;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${earshot.elevenlabs.fetch-interval:30s}",
      fixedDelayString = "${earshot.elevenlabs.fetch-interval:30s}")
  void tick() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("Conversation fetches skipped this round: {}", e.getClass().getSimpleName());
    }
  }

  /** Works every due row once; returns how many were claimed. */
  int runOnce() {
    int worked = 0;
    List<Claim> claimed;
    do {
      claimed = fetches.claim(BATCH, lease(), keys.workspaceKeySet());
      claimed.forEach(this::work);
      worked += claimed.size();
    } while (claimed.size() == BATCH);
    return worked;
  }

  /** Long enough for a row's requests (a lookup by user and the conversation) to time out. */
  private Duration lease() {
    return properties.requestTimeout().multipliedBy(2 + 2L * 5).plusSeconds(30);
  }

  private void work(Claim claim) {
    Optional<String> key = keys.resolve(claim.playground(), claim.sealedKey());
    if (key.isEmpty()) {
      fetches.retry(claim.session(), false, NO_KEY_RECHECK, NO_KEY);
      return;
    }
    try {
      String conversationId = claim.conversationId();
      if (conversationId == null) {
        conversationId =
            client
                .findByUser(key.get(), claim.agentId(), claim.callReference().toString())
                .orElse(null);
        if (conversationId == null) {
          retryOrFail(claim, backoff(claim), "No conversation of the session's user_id yet.");
          return;
        }
      }
      JsonNode conversation = client.conversation(key.get(), conversationId);
      Fetches.Stored stored =
          fetches.store(claim.session(), claim.playground(), claim.agentId(), conversation);
      if (stored == Fetches.Stored.IN_PROGRESS) {
        retryOrFail(
            claim,
            backoff(claim),
            "ElevenLabs is still working on the conversation ("
                + ElevenLabsClient.text(conversation, "status")
                + ").");
      }
    } catch (ElevenLabsException e) {
      Duration delay =
          e.kind() == Kind.RATE_LIMITED && e.retryAfter() != null ? e.retryAfter() : backoff(claim);
      retryOrFail(claim, delay, e.getMessage() + ".");
    }
  }

  private void retryOrFail(Claim claim, Duration delay, String error) {
    if (claim.attempts() + 1 >= properties.maxAttempts()) {
      fetches.fail(
          claim.session(), error + " Gave up after " + (claim.attempts() + 1) + " attempts.");
    } else {
      fetches.retry(claim.session(), true, delay, error);
    }
  }

  /** 15 s, 30 s, 1 min, … up to an hour. */
  private static Duration backoff(Claim claim) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(claim.attempts(), 12));
    return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
  }
}
