package com.earshot.playground;

import java.util.List;
import java.util.UUID;

/**
 * A question of a playground's form.
 *
 * @param modelKey the model it is asked about, or null for every model
 * @param options the choices of a select question, else empty
 * @param answers how many answers it has: answered questions keep their type and option values
 * @param scaleLow the words at the low end (1) of a rating's scale, else null
 * @param scaleHigh the words at the high end (5) of a rating's scale, else null
 * @param helpText plain text shown under the question, or null
 */
public record Question(
    UUID id,
    ModelKey modelKey,
    String text,
    QuestionType type,
    List<Option> options,
    int orderIndex,
    boolean required,
    long answers,
    String scaleLow,
    String scaleHigh,
    String helpText) {

  /** What testers read at the ends of a rating's scale before the words could be chosen. */
  static final String DEFAULT_LOW = "poor";

  static final String DEFAULT_HIGH = "excellent";

  public boolean isAskedAbout(ModelKey key) {
    return modelKey == null || modelKey == key;
  }

  public boolean hasAnswers() {
    return answers > 0;
  }

  /** A choice of a select question: what the tester reads, and what is stored. */
  public record Option(String label, String value) {}
}
