package dev.smileloop.report.entity;

import java.time.Instant;

/**
 * One call to a language model ({@code role} student or mentor). The loop does not record these
 * yet, so reports carry an empty list; the type keeps the format ready for them.
 */
public record LlmCall(
    int iteration,
    String role,
    String provider,
    String model,
    Instant startedAt,
    long durationMillis,
    String outcome) {}
