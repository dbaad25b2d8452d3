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
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * Text of at most {@link #max} characters once the white space around it is stripped, as it is
 * stored. The message may say how long the text is: {@code {length}}.
 */
@Documented
@Constraint(validatedBy = StrippedLength.Check.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface StrippedLength {

  int max();

  String message() default "At most {max} characters.";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<StrippedLength, String> {

    private int max;

    @Override
    public void initialize(StrippedLength constraint) {
      max = constraint.max();
    }

    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
      int length = text == null ? 0 : text.strip().length();
      if (length <= max) {
        return true;
      }
      context
          .unwrap(HibernateConstraintValidatorContext.class)
          .addMessageParameter("length", length);
      return false;
    }
  }
}
