package com.earshot.playground;

import java.util.List;
import java.util.UUID;

/**
 * A question of a playground's form.
 *
 * @param modelKey the model it is asked about, or null for every model
 * @param options the choices of a select question, else empty
 * @param answers how many answers it has: answered questions keep their type and option values
 */
public record Question(
    UUID id,
    ModelKey modelKey,
    String text,
    QuestionType type,
    List<Option> options,
    int orderIndex,
    boolean required,
    long answers) {

  public boolean isAskedAbout(ModelKey key) {
    return modelKey == null || modelKey == key;
  }

  public boolean hasAnswers() {
    return answers > 0;
  }

  /** A choice of a select question: what the tester reads, and what is stored. */
  public record Option(String label, String value) {}
}
