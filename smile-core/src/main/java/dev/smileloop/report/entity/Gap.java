package dev.smileloop.report.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;

/**
 * A place where the tutorial assumed, skipped or blurred something, met once or in several
 * iterations ({@code history}, oldest first). {@code location.line} is 0 when nobody could say
 * where it is. {@code suggestedFix} is the Mentor's advice (or the Student's own workaround for a
 * minor gap, or general advice for its kind); {@code fixCommands} are commands the Mentor suggested
 * after which the step passed. {@code resolved} says a later iteration got past the gap.
 */
public record Gap(
    String id,
    String title,
    GapKind kind,
    Severity severity,
    TutorialLocation location,
    String problem,
    String suggestedFix,
    List<String> fixCommands,
    boolean resolved,
    List<GapOccurrence> history) {

  public Gap {
    fixCommands = List.copyOf(fixCommands == null ? List.of() : fixCommands);
    history = List.copyOf(history == null ? List.of() : history);
  }

  /** True when the gap points at a real tutorial line. */
  public boolean hasLine() {
    return location != null && location.line() >= 1;
  }

  /** The iterations the gap occurred in, in order. */
  public List<Integer> iterations() {
    return history.stream().map(GapOccurrence::iteration).distinct().toList();
  }
}
