package com.earshot.conversation;

import java.time.LocalDateTime;

/**
 * Where a session's conversation stands in the fetch queue.
 *
 * @param attempts how often the job has asked ElevenLabs
 * @param nextAttemptAt when a pending fetch is due next (UTC); null unless pending
 * @param lastError why the last attempt did not store it (kept when it later succeeded), or null
 */
public record FetchState(State state, int attempts, LocalDateTime nextAttemptAt, String lastError) {

  /** A session that was never queued: no call ended, or ElevenLabs is not connected. */
  public static final FetchState NOT_QUEUED = new FetchState(State.NOT_QUEUED, 0, null, null);

  public enum State {
    NOT_QUEUED,
    PENDING,
    DONE,
    FAILED;

    static State of(String stored) {
      return switch (stored) {
        case "pending" -> PENDING;
        case "done" -> DONE;
        case "failed" -> FAILED;
        default -> throw new IllegalStateException("Unknown fetch state " + stored);
      };
    }
  }

  public boolean pending() {
    return state == State.PENDING;
  }

  public boolean failed() {
    return state == State.FAILED;
  }

  public boolean queued() {
    return state != State.NOT_QUEUED;
  }
}
