package com.earshot.platform.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole number from {@link #min} to {@link #max} as typed in a text field (white space around it
 * aside), or nothing: whether one is needed is another rule's to say. The field stays text, so that
 * "ten" comes back as "ten".
 */
@Documented
@Constraint(validatedBy = WholeNumber.Check.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface WholeNumber {

  int min();

  int max();

  /** For what is not a whole number, or is below {@link #min}. */
  String message() default "A whole number from {min} to {max}.";

  /** For a number above {@link #max}, when it needs its own sentence. */
  String tooLarge() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<WholeNumber, String> {

    private WholeNumber constraint;

    /** The number typed, or null for nothing; only for text this constraint accepts. */
    public static Integer valueOf(String typed) {
      return typed == null || typed.isBlank() ? null : Integer.valueOf(typed.strip());
    }

    @Override
    public void initialize(WholeNumber constraint) {
      this.constraint = constraint;
    }

    @Override
    public boolean isValid(String typed, ConstraintValidatorContext context) {
      String text = typed == null ? "" : typed.strip();
      if (text.isEmpty()) {
        return true;
      }
      if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < constraint.min()) {
        return false;
      }
      if (Integer.parseInt(text) <= constraint.max()) {
        return true;
      }
      if (!constraint.tooLarge().isEmpty()) {
        context.disableDefaultConstraintViolation();
        context
            .buildConstraintViolationWithTemplate(constraint.tooLarge())
            .addConstraintViolation();
      }
      return false;
    }
  }
}
