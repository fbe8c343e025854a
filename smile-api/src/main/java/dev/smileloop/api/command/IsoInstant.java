package dev.smileloop.api.command;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A string that {@link Instant#parse} reads (null passes: the field is optional). */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoInstant.Check.class)
public @interface IsoInstant {

  /** Also what the schema check says for a {@code date-time} that is not one. */
  String MESSAGE = "must be an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z";

  String message() default MESSAGE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Parses the text as an instant. */
  final class Check implements ConstraintValidator<IsoInstant, String> {
    @Override
    public boolean isValid(String text, ConstraintValidatorContext context) {
      if (text == null) {
        return true;
      }
      try {
        Instant.parse(text);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }
}
