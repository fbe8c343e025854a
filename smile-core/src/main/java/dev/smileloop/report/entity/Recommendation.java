package dev.smileloop.report.entity;

/**
 * One change to make to the tutorial, in priority order (1 first): critical gaps before major
 * before minor, then by line. {@code line} is 0 when the gap has no known line.
 */
public record Recommendation(
    int priority, Severity severity, String gapId, int line, String text) {}
