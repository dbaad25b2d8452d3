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
    if (count == 2 && models.size() >= 2) {
      String same = sameNameMessage(ModelKey.MODEL_A, models.get(0).getName(), models.get(1));
      if (same != null && !errors.hasFieldErrors("models[1].name")) {
        errors.rejectValue("models[1].name", "duplicate", same);
      }
    }
  }

  /**
   * Why {@code model} may not take its name when the model {@code otherKey} is already called so:
   * Insights, the sessions and the exports tell the models apart by name. Null when the names
   * differ (or this one is still blank, which its own constraint reports).
   */
  static String sameNameMessage(ModelKey otherKey, String otherName, ModelDraft model) {
    String name = model.getName() == null ? "" : model.getName().strip();
    String taken = otherName == null ? "" : otherName.strip();
    if (name.isEmpty() || !name.equalsIgnoreCase(taken)) {
      return null;
    }
    return "Model "
        + otherKey.letter()
        + " is already called \u201c"
        + taken
        + "\u201d: give this model a name of its own, so that Insights and the exports tell them"
        + " apart.";
  }
}
