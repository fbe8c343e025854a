package dev.smileloop.report.entity;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What writing a report did: the files written (by format, in format order), the formats that could
 * not be written after every attempt, and whether the Markdown report went to standard output
 * instead, so it was not lost.
 */
public record WriteResult(
    Report report,
    Path outputDir,
    Map<ReportFormat, Path> written,
    List<Failure> failures,
    boolean printedToStdout) {

  public WriteResult {
    written =
        written == null || written.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(written));
    failures = List.copyOf(failures == null ? List.of() : failures);
  }

  /** A format that could not be written: where it should have gone, how often we tried, why not. */
  public record Failure(ReportFormat format, Path target, int attempts, String message) {}

  /** True when all five files were written. */
  public boolean complete() {
    return failures.isEmpty();
  }

  /** The paths written, in format order. */
  public List<Path> paths() {
    return List.copyOf(written.values());
  }
}
