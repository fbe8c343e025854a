package dev.smileloop.api.command;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A start names its tutorial one way: {@code tutorialContent} or {@code tutorialPath}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OneTutorialSource.Check.class)
public @interface OneTutorialSource {

  String message() default "give either tutorialContent or tutorialPath, not both";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Valid unless both fields are given. */
  final class Check implements ConstraintValidator<OneTutorialSource, StartLoopCommand> {
    @Override
    public boolean isValid(StartLoopCommand command, ConstraintValidatorContext context) {
      return command == null || command.tutorialContent() == null || command.tutorialPath() == null;
    }
  }
}
