package com.earshot.evaluation.session;

import com.earshot.playground.ModelKey;
import java.time.LocalDateTime;
import java.util.UUID;

/** One tester meeting one model once. Times are UTC. */
public record EvaluationSession(
    UUID id,
    UUID playgroundId,
    UUID userId,
    ModelKey modelKey,
    Status status,
    int round,
    int position,
    int configurationVersion,
    LocalDateTime startedAt,
    LocalDateTime expiresAt,
    LocalDateTime submittedAt,
    LocalDateTime callStartedAt,
    String conversationId,
    boolean lapsed) {

  public enum Status {
    ASSIGNED,
    SUBMITTED,
    EXPIRED
  }

  public boolean isOpen() {
    return status == Status.ASSIGNED && !lapsed;
  }

  public boolean isSubmitted() {
    return status == Status.SUBMITTED;
  }

  public boolean callStarted() {
    return callStartedAt != null;
  }
}
