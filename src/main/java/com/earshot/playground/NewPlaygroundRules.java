package com.earshot.playground;

import com.earshot.playground.PlaygroundDraft.ModelDraft;
import java.util.List;
import org.springframework.validation.Errors;
import org.springframework.validation.ValidationUtils;
import org.springframework.validation.Validator;

/**
 * A new playground's models: exactly as many as its type has (A and B, or one), each with its own
 * constraints and a {@linkplain LimitRules limit} that fits the type.
 *
 * @param constraints Bean Validation, for each model's own constraints
 */
record NewPlaygroundRules(Validator constraints) implements Validator {

  @Override
  public boolean supports(Class<?> type) {
    return PlaygroundDraft.class.isAssignableFrom(type);
  }

  @Override
  public void validate(Object target, Errors errors) {
    PlaygroundDraft draft = (PlaygroundDraft) target;
    PlaygroundType type = draft.type();
    List<ModelDraft> models = draft.typedModels();
    int count = type.modelKeys().size();
    if (models.size() != count) {
      errors.rejectValue(
          "models",
          "count",
          type == PlaygroundType.TUNING
              ? "A tuning playground has exactly one model."
              : "An A/B test has exactly two models, A and B.");
    }
    for (int i = 0; i < Math.min(models.size(), count); i++) {
      errors.pushNestedPath("models[" + i + "]");
      ValidationUtils.invokeValidator(constraints, models.get(i), errors);
      ValidationUtils.invokeValidator(new LimitRules(type, 0), models.get(i), errors);
      errors.popNestedPath();
    }
  }
}
