package com.earshot.insights.review;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A playground's rules for sessions that should not count, and its choice questions read as
 * ElevenLabs evaluation criteria.
 *
 * @param revealingNames the names that reveal the agent as the admin wrote them; empty: the models'
 *     names ({@code defaultNames})
 * @param mappings per choice question, the criterion and what each option stands for
 */
public record ReviewSettings(
    int minCallSeconds,
    int minAnswerSeconds,
    List<String> revealingNames,
    List<String> defaultNames,
    Map<UUID, Mapping> mappings) {

  static final int DEFAULT_MIN_CALL_SECONDS = 20;
  static final int DEFAULT_MIN_ANSWER_SECONDS = 10;

  /** The names the agent must not say: the admin's, or else the models'. */
  public List<String> effectiveNames() {
    return revealingNames.isEmpty() ? defaultNames : revealingNames;
  }

  /**
   * @param optionResults option value → "success" or "failure"; options not named stand for neither
   */
  public record Mapping(String criterionId, Map<String, String> optionResults) {}
}
