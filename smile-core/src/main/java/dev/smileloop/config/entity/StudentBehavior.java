package dev.smileloop.config.entity;

/** When the Student stops trying on its own and asks the Mentor (SPEC section 1). */
public record StudentBehavior(
    int maxRetriesBeforeHelp,
    boolean askOnMissingDependency,
    boolean askOnAmbiguousInstruction,
    boolean askOnCommandFailure,
    boolean askOnTimeout,
    int timeoutSeconds,
    Patience patienceLevel) {

  public static StudentBehavior defaults() {
    return new StudentBehavior(3, true, true, true, true, 60, Patience.LOW);
  }
}
