package com.earshot.conversation;

import java.time.Duration;

/**
 * A request to ElevenLabs that did not give what was asked. {@link #getMessage} is short and holds
 * no secret (never the key, never a response body beyond ElevenLabs' status code word), so it may
 * be kept as a fetch's last error.
 */
class ElevenLabsException extends RuntimeException {

  enum Kind {
    /** 429: wait ({@link #retryAfter} when ElevenLabs said how long), then again. */
    RATE_LIMITED,
    /** 5xx, a timeout, a connection failure, or an answer that is not the documented JSON. */
    TRANSIENT,
    /** 404. */
    NOT_FOUND,
    /** 401/403: the key is wrong or lacks the permission; another try will not help. */
    REFUSED,
    /** Another 4xx. */
    CLIENT
  }

  private final Kind kind;
  private final Duration retryAfter;

  ElevenLabsException(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  ElevenLabsException(Kind kind, String message) {
    this(kind, message, null);
  }

  Kind kind() {
    return kind;
  }

  /** ElevenLabs' own Retry-After, or null. */
  Duration retryAfter() {
    return retryAfter;
  }
}
