package dev.smileloop.learner.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why the built-in learner stopped or noted a difficulty (the {@code trigger} of a Student output
 * or notice). Each maps to one {@code studentBehavior.askOn...} switch.
 */
public enum StuckTrigger {
  MISSING_DEPENDENCY("askOnMissingDependency"),
  COMMAND_FAILURE("askOnCommandFailure"),
  TIMEOUT("askOnTimeout"),
  AMBIGUOUS_INSTRUCTION("askOnAmbiguousInstruction");

  /** Notice kind: an image the tutorial shows is not there. */
  public static final String MISSING_IMAGE = "missing_image";

  /** Notice kind: a block printed something else than the tutorial says it prints. */
  public static final String UNEXPECTED_OUTPUT = "unexpected_output";

  /** Notice kind: a command ended the shell, so a new one took over. */
  public static final String SHELL_ENDED = "shell_ended";

  private final String switchName;

  StuckTrigger(String switchName) {
    this.switchName = switchName;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code studentBehavior} field that turns asking on this trigger on or off. */
  public String switchName() {
    return switchName;
  }

  public static Optional<StuckTrigger> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return Arrays.stream(values())
        .filter(t -> t.wireName().equals(value.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
