package dev.smileloop.report.entity;

/**
 * A gap the previous run of the tutorial had and this run no longer has, as that run recorded it
 * ({@code line} is where it was then).
 */
public record FixedGap(
    GapKind kind, Severity severity, String title, int line, String quote, String heading) {}
