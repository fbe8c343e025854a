package dev.smileloop.report.entity;

import dev.smileloop.agent.entity.CommandRecord;
import java.util.List;
import java.util.Locale;

/**
 * One time a gap was met: in which iteration, how the Student came out of it, what it said was
 * wrong, what it tried (its own words and the commands that failed there) and, when it asked, the
 * Mentor's answer.
 */
public record GapOccurrence(
    int iteration,
    Outcome outcome,
    String trigger,
    String problem,
    List<String> attempted,
    List<CommandRecord> failedCommands,
    String mentorAnswer) {

  public GapOccurrence {
    attempted = List.copyOf(attempted == null ? List.of() : attempted);
    failedCommands = List.copyOf(failedCommands == null ? List.of() : failedCommands);
  }

  /** How the Student left the gap in that iteration. */
  public enum Outcome {
    /** It stopped and asked the Mentor. */
    ASK_MENTOR(Severity.MAJOR),
    /** It gave up: the tutorial cannot be completed from here. */
    CANNOT_COMPLETE(Severity.CRITICAL),
    /** It found its own way past and went on. */
    RECOVERED(Severity.MINOR);

    private final Severity severity;

    Outcome(Severity severity) {
      this.severity = severity;
    }

    public Severity severity() {
      return severity;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
