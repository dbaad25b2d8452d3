package com.earshot.conversation;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What ElevenLabs recorded of one session's call, as last fetched. Every text in it is third-party
 * text (the agent's and the tester's words, ElevenLabs' rationales): shown escaped, never trusted.
 * Times are UTC.
 *
 * @param status ElevenLabs' status when last read (initiated, in-progress, processing, done,
 *     failed, or one it added later)
 * @param callSuccessful ElevenLabs' own judgement (success, failure, unknown), or null while not
 *     analysed
 * @param transcript the turns in call order
 */
public record Conversation(
    UUID sessionId,
    String conversationId,
    String agentId,
    String status,
    String versionId,
    String branchId,
    LocalDateTime startedAt,
    Integer durationSecs,
    String terminationReason,
    String mainLanguage,
    String callSuccessful,
    String transcriptSummary,
    List<Turn> transcript,
    List<EvaluationResult> evaluationResults,
    List<CollectedValue> dataCollection,
    boolean hasAudio,
    LocalDateTime fetchedAt) {

  public Conversation {
    transcript = List.copyOf(transcript);
    evaluationResults = List.copyOf(evaluationResults);
    dataCollection = List.copyOf(dataCollection);
  }

  /** The call's length as m:ss (h:mm:ss from an hour), or null when ElevenLabs gave none. */
  public String duration() {
    return durationSecs == null ? null : clock(durationSecs);
  }

  /**
   * One turn of the call.
   *
   * @param role {@code agent} or {@code user} (the tester), or whatever ElevenLabs sent
   * @param message what was said; null on a turn that only called tools
   * @param toolCalls the names of the tools the agent called in this turn
   */
  public record Turn(
      String role,
      String message,
      int timeInCallSecs,
      boolean interrupted,
      List<String> toolCalls) {

    public Turn {
      role = role == null ? "unknown" : role;
      toolCalls = List.copyOf(toolCalls);
    }

    public boolean agent() {
      return "agent".equals(role);
    }

    /** Who spoke, in Earshot's words: the agent or the tester. */
    public String speaker() {
      return switch (role) {
        case "agent" -> "Agent";
        case "user" -> "Tester";
        default -> role;
      };
    }

    /** The turn's time in the call, as m:ss. */
    public String time() {
      return clock(timeInCallSecs);
    }
  }

  /** One of the agent's evaluation criteria, as ElevenLabs judged this call. */
  public record EvaluationResult(String criterion, String result, String rationale) {}

  /**
   * One value ElevenLabs collected from the call.
   *
   * @param value as sent: a string as it is, any other JSON value as its JSON text; null if none
   */
  public record CollectedValue(String field, String value, String rationale) {}

  static String clock(int seconds) {
    int s = Math.max(0, seconds);
    return s >= 3600
        ? "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60)
        : "%d:%02d".formatted(s / 60, s % 60);
  }
}
