package com.earshot.insights.responses;

import com.earshot.playground.ModelKey;
import com.earshot.playground.QuestionType;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One evaluation session with every answer given in it, in the form's order. Times are UTC.
 *
 * @param versionName the model's name in the session's configuration version, null if not known
 * @param callReference its widget's user-id: the conversations' user_id in ElevenLabs
 * @param call what the tester's page saw of the widget and the call, and what the tester reported
 * @param otherSession the same tester's session of the same round with the other agent, or null
 */
record SessionDetail(
    UUID id,
    String testerEmail,
    ModelKey model,
    String status,
    int round,
    int position,
    int configurationVersion,
    String versionName,
    LocalDateTime startedAt,
    LocalDateTime expiresAt,
    LocalDateTime submittedAt,
    LocalDateTime callStartedAt,
    String conversationId,
    boolean lapsed,
    UUID callReference,
    Call call,
    UUID otherSession,
    List<Answer> answers) {

  /**
   * @param widgetFailure how the widget failed to load (see CallService.WIDGET_FAILURES), or null
   * @param givenBackReason widget_failed or tester_choice, or null
   * @param problemReason the reported problem's reason, in the tester's words, or null
   */
  record Call(
      LocalDateTime endedAt,
      String widgetFailure,
      String givenBackReason,
      String problemReason,
      String problemDetails) {}

  SessionDetail withAnswers(List<Answer> all) {
    return new SessionDetail(
        id,
        testerEmail,
        model,
        status,
        round,
        position,
        configurationVersion,
        versionName,
        startedAt,
        expiresAt,
        submittedAt,
        callStartedAt,
        conversationId,
        lapsed,
        callReference,
        call,
        otherSession,
        List.copyOf(all));
  }

  /** What the admin reads as the session's state. */
  public String statusText() {
    return switch (status) {
      case "submitted" -> "Submitted";
      case "expired" -> "Expired (never submitted)";
      case "given_back" ->
          "widget_failed".equals(call.givenBackReason())
              ? "Given back: the widget would not load"
              : "Given back by the tester";
      default -> lapsed ? "Reservation lapsed (never submitted)" : "Assigned, not submitted yet";
    };
  }

  /**
   * One answer: exactly one of {@code text}, {@code value} and {@code rating} is set.
   *
   * @param optionLabel the label of a select answer's option, or null if the option is gone
   */
  record Answer(
      UUID questionId,
      String questionText,
      QuestionType type,
      String text,
      String value,
      String optionLabel,
      Integer rating) {}
}
