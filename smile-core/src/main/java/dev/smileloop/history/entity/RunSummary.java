package dev.smileloop.history.entity;

import java.time.Instant;

/**
 * One stored run at a glance. {@code tutorialKey} identifies the tutorial across runs (its absolute
 * path, or {@code sha256:<hash>} for inline content); {@code contentSha256} is the hash of the
 * Markdown that ran; {@code previousRunId} the run it was compared with (null for the first).
 */
public record RunSummary(
    long id,
    String loopId,
    String tutorialKey,
    String tutorialPath,
    String tutorialName,
    String contentSha256,
    String outcome,
    String reason,
    int iterations,
    int maxIterations,
    Instant startedAt,
    Instant endedAt,
    long durationMillis,
    Instant recordedAt,
    int gapsCritical,
    int gapsMajor,
    int gapsMinor,
    int gapsFixed,
    int environmentFindings,
    Long previousRunId) {}
