package com.earshot.evaluation;

import com.earshot.platform.database.DatabaseEnum;
import com.earshot.playground.ModelKey;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One tester meeting one model once. Times are UTC.
 *
 * @param callReference the widget's {@code user-id}: what ElevenLabs records as the conversation's
 *     {@code user_id}, an opaque reference that says nothing of the tester
 * @param problem the tester's latest report of a problem, or null
 */
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
    boolean lapsed,
    UUID callReference,
    Problem problem) {

  /** The database's {@code evaluation_session_status}. */
  public enum Status implements DatabaseEnum {
    ASSIGNED,
    SUBMITTED,
    EXPIRED,
    GIVEN_BACK
  }

  public boolean isOpen() {
    return status == Status.ASSIGNED && !lapsed;
  }

  public boolean isSubmitted() {
    return status == Status.SUBMITTED;
  }

  public boolean isGivenBack() {
    return status == Status.GIVEN_BACK;
  }

  public boolean callStarted() {
    return callStartedAt != null;
  }
}
