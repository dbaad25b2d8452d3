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

/** An embed code {@link EmbedCodeParser} reads; otherwise what it says is wrong. */
@Documented
@Constraint(validatedBy = ValidEmbedCode.Check.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidEmbedCode {

  String message() default "Paste the embed code from ElevenLabs, or the agent id.";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<ValidEmbedCode, String> {
    @Override
    public boolean isValid(String embedCode, ConstraintValidatorContext context) {
      try {
        EmbedCodeParser.parse(embedCode);
        return true;
      } catch (InvalidEmbedCodeException e) {
        return Violations.reject(context, e.getMessage());
      }
    }
  }
}
