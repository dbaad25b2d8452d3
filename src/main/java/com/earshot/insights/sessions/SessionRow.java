package com.earshot.insights.sessions;

import com.earshot.conversation.ConversationSummary;
import com.earshot.insights.review.Flag;
import com.earshot.playground.ModelKey;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One session in the list. Times are UTC; the call's start and end are as the tester's page saw
 * them.
 *
 * @param versionName the model's name in the session's configuration version (V30), null if not
 *     known
 */
record SessionRow(
    UUID id,
    UUID testerId,
    String testerEmail,
    ModelKey model,
    int round,
    int position,
    int configurationVersion,
    String versionName,
    String status,
    boolean lapsed,
    LocalDateTime startedAt,
    LocalDateTime callStartedAt,
    LocalDateTime callEndedAt,
    LocalDateTime submittedAt,
    List<Flag> flags,
    ConversationSummary conversation) {

  SessionRow with(ConversationSummary summary) {
    return new SessionRow(
        id,
        testerId,
        testerEmail,
        model,
        round,
        position,
        configurationVersion,
        versionName,
        status,
        lapsed,
        startedAt,
        callStartedAt,
        callEndedAt,
        submittedAt,
        flags,
        summary);
  }

  public String statusText() {
    return switch (status) {
      case "submitted" -> "Submitted";
      case "expired" -> "Expired";
      case "given_back" -> "Given back";
      default -> lapsed ? "Lapsed" : "In progress";
    };
  }

  /**
   * The call's length: ElevenLabs' when it is stored, otherwise (marked {@link
   * #durationMeasuredByPage()}) from the page's start and end; null when neither is known.
   */
  public String duration() {
    if (conversation.duration() != null) {
      return conversation.duration();
    }
    if (durationMeasuredByPage()) {
      long seconds = Duration.between(callStartedAt, callEndedAt).toSeconds();
      return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
    return null;
  }

  public boolean durationMeasuredByPage() {
    return conversation.duration() == null
        && callStartedAt != null
        && callEndedAt != null
        && !callEndedAt.isBefore(callStartedAt);
  }

  /** The conversation's state in a word or two. */
  public String conversationText() {
    if (conversation.stored()) {
      return "Fetched";
    }
    return switch (conversation.fetch().state()) {
      case PENDING -> "Being fetched";
      case FAILED -> "Fetch failed";
      case DONE -> "Fetched";
      case NOT_QUEUED -> "—";
    };
  }
}
