package dev.smileloop.report.entity;

import dev.smileloop.loop.entity.LoopStatus;
import java.time.Instant;

/**
 * The loop at a glance. {@code tutorialPath} is the tutorial as a reader knows it (relative to the
 * configuration's folder when it lies inside it); {@code tutorialUri} is the same as a relative URI
 * reference, the form SARIF and CI tools resolve against a source root. {@code endedAt} is the
 * loop's last update; {@code reason} why it ended, when it says. {@code environmentFindings} counts
 * the failures this machine caused; {@code environmentPreventedValidation} is true when only they
 * stopped the run (the loop did not complete and no unresolved gap of the tutorial's stopped it).
 */
public record ReportSummary(
    String loopId,
    LoopStatus status,
    String reason,
    int iterations,
    int maxIterations,
    Instant startedAt,
    Instant endedAt,
    long durationMillis,
    String tutorialName,
    String tutorialPath,
    String tutorialUri,
    GapCounts gapCounts,
    int environmentFindings,
    boolean environmentPreventedValidation) {}
