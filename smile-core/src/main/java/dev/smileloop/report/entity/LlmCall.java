package dev.smileloop.report.entity;

import java.time.Instant;

/** One call to a language model's command-line tool ({@code role} student or mentor). */
public record LlmCall(
    int iteration,
    String role,
    String provider,
    String model,
    Instant startedAt,
    long durationMillis,
    String outcome) {}
