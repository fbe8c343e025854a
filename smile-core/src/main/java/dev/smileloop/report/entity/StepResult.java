package dev.smileloop.report.entity;

import java.util.List;
import java.util.Locale;

/**
 * A tutorial step (a heading) as a test case: passed, failed (it holds a critical or major gap),
 * error (the loop ended there for a reason that is not a gap: timeout, error) or skipped (never
 * reached). {@code line} is the heading's line, 0 when it is not found in the tutorial; {@code
 * durationMillis} adds up the commands run for the step in every iteration.
 */
public record StepResult(
    String heading,
    int line,
    Outcome outcome,
    long durationMillis,
    List<String> gapIds,
    String message) {

  public StepResult {
    gapIds = List.copyOf(gapIds == null ? List.of() : gapIds);
  }

  /** How the step ended, as test reports count it. */
  public enum Outcome {
    PASSED,
    FAILED,
    ERROR,
    SKIPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
