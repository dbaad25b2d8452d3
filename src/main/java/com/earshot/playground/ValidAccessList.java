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

/** A pasted allow-list that {@link AccessList} reads; otherwise the entries it cannot. */
@Documented
@Constraint(validatedBy = ValidAccessList.Check.class)
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@interface ValidAccessList {

  String message() default "Emails and @domains, separated by commas, spaces or new lines.";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Check implements ConstraintValidator<ValidAccessList, String> {
    @Override
    public boolean isValid(String access, ConstraintValidatorContext context) {
      try {
        AccessList.parse(access);
        return true;
      } catch (InvalidAccessListException e) {
        return Violations.reject(context, e.getMessage());
      }
    }
  }
}
