package dev.smileloop.history.entity;

/**
 * A gap as a run stored it: the lines it spans, the quoted tutorial text, the suggested fix, and
 * how it compared with the previous run ({@code new}, {@code still_there}; {@code fixed} rows are
 * the previous run's gaps this run no longer has, with {@code gapId} null).
 */
public record RunGap(
    String gapId,
    String kind,
    String severity,
    String title,
    int lineStart,
    int lineEnd,
    String quote,
    String heading,
    String problem,
    String suggestedFix,
    String sinceLastRun) {}
