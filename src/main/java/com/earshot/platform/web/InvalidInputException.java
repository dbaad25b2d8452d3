package com.earshot.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

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

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
