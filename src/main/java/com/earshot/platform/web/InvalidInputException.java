package com.earshot.platform.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;

/**
 * Input that breaks a rule, with a message per form field (field name → what to fix), so the form
 * comes back with each message at its field and everything typed kept. For the rules a form's own
 * constraints cannot know: those that depend on what is stored.
 */
public class InvalidInputException extends RuntimeException {

  private final Map<String, String> fieldErrors;

  public InvalidInputException(Map<String, String> fieldErrors) {
    super(String.join(" ", fieldErrors.values()));
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
  }

  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(Map.of(field, message));
  }

  /** Checks {@code target} against {@code rules}, and throws naming each field that breaks one. */
  public static void check(Object target, Validator rules) {
    Errors errors = rules.validateObject(target);
    if (errors.hasErrors()) {
      Map<String, String> messages = new LinkedHashMap<>();
      for (FieldError error : errors.getFieldErrors()) {
        messages.putIfAbsent(error.getField(), error.getDefaultMessage());
      }
      throw new InvalidInputException(messages);
    }
  }

  /**
   * Puts each message at its field of the form that {@code binding} holds, where it shows with what
   * was typed; a message for a field the form does not have is the form's own.
   */
  public void rejectIn(BindingResult binding) {
    fieldErrors.forEach(
        (field, message) -> {
          if (binding.getFieldType(field) != null) {
            binding.rejectValue(field, "invalid", message);
          } else {
            binding.reject("invalid", message);
          }
        });
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
