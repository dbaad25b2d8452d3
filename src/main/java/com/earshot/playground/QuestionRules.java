package com.earshot.playground;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * What a question may be in its playground, beside its own constraints: about model A or B only in
 * an A/B test; and once answered, of the same type, about the same model and with the same option
 * values (answers refer to them), though its wording and labels may change and options be added. A
 * rating names both ends of its scale.
 *
 * @param current the question being edited, null for a new one
 */
record QuestionRules(Playground playground, Question current) implements Validator {

  @Override
  public boolean supports(Class<?> type) {
    return QuestionDraft.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    QuestionDraft draft = (QuestionDraft) target;
    if (playground.type() == PlaygroundType.TUNING && draft.modelKey() != null) {
      errors.rejectValue(
          "askedAbout", "tuning", "A tuning playground has one model: its questions are about it.");
    }
    if (draft.questionType() == QuestionType.RATING) {
      if (draft.wording().scaleLow() == null && !errors.hasFieldErrors("scaleLow")) {
        errors.rejectValue(
            "scaleLow", "required", "Write the words testers read at 1, e.g. “very hard”.");
      }
      if (draft.wording().scaleHigh() == null && !errors.hasFieldErrors("scaleHigh")) {
        errors.rejectValue(
            "scaleHigh", "required", "Write the words testers read at 5, e.g. “very easy”.");
      }
    }
    if (current == null || !current.hasAnswers()) {
      return;
    }
    String frozen = "This question has " + current.answers() + " answers, so this cannot change.";
    if (draft.questionType() != current.type()) {
      errors.rejectValue("type", "frozen", frozen);
    }
    if (!Objects.equals(draft.modelKey(), current.modelKey())
        && !errors.hasFieldErrors("askedAbout")) {
      errors.rejectValue("askedAbout", "frozen", frozen);
    }
    if (draft.questionType() == QuestionType.SELECT) {
      Set<String> values =
          new HashSet<>(draft.options().stream().map(Question.Option::value).toList());
      List<String> missing =
          current.options().stream()
              .map(Question.Option::value)
              .filter(value -> !values.contains(value))
              .toList();
      if (!missing.isEmpty()) {
        errors.rejectValue(
            "options",
            "frozen",
            "Answers use the option values "
                + String.join(", ", missing)
                + ": keep them (you may change their labels and add new options).");
      }
    }
  }
}
