package com.earshot.playground;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A choice question's options: 2 to 50, each with a value of its own (what is stored), labels and
 * values of at most 255 characters. Other questions have none to check. One message, at {@code
 * options}: the last problem found, or else the number.
 */
@Documented
@Constraint(validatedBy = ChoiceOptions.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ChoiceOptions {

  String message() default "Check the options.";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<ChoiceOptions, QuestionDraft> {

    @Override
    public boolean isValid(QuestionDraft draft, ConstraintValidatorContext context) {
      if (!"select".equals(draft.getType())) {
        return true;
      }
      List<Question.Option> options = draft.typedOptions();
      String problem = null;
      Set<String> values = new HashSet<>();
      for (Question.Option option : options) {
        String label = option.label().isEmpty() ? option.value() : option.label();
        if (option.value().isEmpty()) {
          problem =
              "Each option needs a value (what is stored); \"" + option.label() + "\" has none.";
        }
        if (label.length() > QuestionService.MAX_OPTION
            || option.value().length() > QuestionService.MAX_OPTION) {
          problem =
              "Option labels and values are at most " + QuestionService.MAX_OPTION + " characters.";
        } else if (!option.value().isEmpty() && !values.add(option.value())) {
          problem = "Each option needs its own value; \"" + option.value() + "\" is there twice.";
        }
      }
      if (problem == null && options.size() < QuestionService.MIN_OPTIONS) {
        problem = "A choice needs at least " + QuestionService.MIN_OPTIONS + " options.";
      } else if (problem == null && options.size() > QuestionService.MAX_OPTIONS) {
        problem = "At most " + QuestionService.MAX_OPTIONS + " options.";
      }
      return problem == null || Violations.rejectAt(context, "options", problem);
    }
  }
}
