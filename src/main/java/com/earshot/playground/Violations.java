package com.earshot.playground;

import jakarta.validation.ConstraintValidatorContext;

/**
 * Constraint violations whose sentence quotes what was typed. Bean Validation reads a message as a
 * template ({@code {max}}, {@code ${…}}), so a typed brace or dollar would be read as one: here the
 * sentence is taken literally.
 */
final class Violations {

  private Violations() {}

  /** The value breaks its constraint, for this reason; always false, for {@code isValid}. */
  static boolean reject(ConstraintValidatorContext context, String message) {
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(literally(message)).addConstraintViolation();
    return false;
  }

  /** The bean breaks its constraint at {@code property}; always false. */
  static boolean rejectAt(ConstraintValidatorContext context, String property, String message) {
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate(literally(message))
        .addPropertyNode(property)
        .addConstraintViolation();
    return false;
  }

  static String literally(String message) {
    return message
        .replace("\\", "\\\\")
        .replace("{", "\\{")
        .replace("}", "\\}")
        .replace("$", "\\$");
  }
}
