package dev.smileloop.report.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * This run's gaps against the previous run of the same tutorial. {@code changes} maps each gap id
 * of this report to {@link GapChange#NEW} or {@link GapChange#STILL_THERE}; {@code fixed} lists the
 * previous run's gaps that are gone. {@code previousRunId} and {@code previousRunAt} are null for
 * the first run of a tutorial (then every gap is new).
 */
public record RunComparison(
    Long previousRunId,
    Instant previousRunAt,
    Map<String, GapChange> changes,
    List<FixedGap> fixed) {

  public RunComparison {
    changes = Map.copyOf(changes == null ? Map.of() : changes);
    fixed = List.copyOf(fixed == null ? List.of() : fixed);
  }

  /** How {@code gap} compares; {@link GapChange#NEW} for a gap the comparison does not know. */
  public GapChange change(Gap gap) {
    return changes.getOrDefault(gap.id(), GapChange.NEW);
  }

  public long count(GapChange change) {
    return change == GapChange.FIXED
        ? fixed.size()
        : changes.values().stream().filter(c -> c == change).count();
  }
}
