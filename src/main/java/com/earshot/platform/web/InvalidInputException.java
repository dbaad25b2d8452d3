package com.earshot.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Input that breaks a rule, with a message per form field (field name → what to fix), so the form
 * comes back with each message at its field and everything typed kept.
 */
public class InvalidInputException extends RuntimeException {

  private final Map<String, String> fieldErrors;

  public InvalidInputException(Map<String, String> fieldErrors) {
    super(String.join(" ", fieldErrors.values()));
    this.fieldErrors = Map.copyOf(new LinkedHashMap<>(fieldErrors));
  }

  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(Map.of(field, message));
  }

  /**
   * Throws when a posted field could not be bound to the form's draft ({@link FormBinding}): a row
   * the form does not have, or a value of the wrong kind. Each message goes to the form field the
   * path starts with ({@code options[5000].label}: {@code options}).
   */
  public static void throwIfUnbound(BindingResult binding) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError error : binding.getFieldErrors()) {
      String path = error.getField();
      String field = path.split("[\\[.]", 2)[0];
      errors.putIfAbsent(
          field,
          path.contains("[")
              ? "Some of this came in rows the form does not have: reload the page and enter it"
                  + " again."
              : "This is not a value the form offers: reload the page and try again.");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
