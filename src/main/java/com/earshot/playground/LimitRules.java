package com.earshot.playground;

import com.earshot.playground.PlaygroundDraft.ModelDraft;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * How many evaluations a model may be given, beside its own constraints: a model of an A/B test
 * needs a limit (its share of the test), and no limit is below what is already submitted.
 *
 * @param submitted the model's submitted evaluations: 0 for a new one
 */
record LimitRules(PlaygroundType type, int submitted) implements Validator {

  @Override
  public boolean supports(Class<?> type) {
    return ModelDraft.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    ModelDraft model = (ModelDraft) target;
    if (errors.hasFieldErrors("maxEvaluations")) {
      return;
    }
    Integer limit = model.limit();
    if (limit == null && type == PlaygroundType.AB_TESTING) {
      errors.rejectValue(
          "maxEvaluations", "required", "How many evaluations should this model get?");
    } else if (limit != null && limit < submitted) {
      errors.rejectValue(
          "maxEvaluations",
          "belowSubmitted",
          submitted + " evaluations are already submitted: the limit cannot be lower.");
    }
  }
}
