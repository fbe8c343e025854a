package dev.smileloop.loop.entity;

import java.time.Instant;

/** One Student (and possibly Mentor) cycle; {@code mentorOutput} is null when none ran. */
public record IterationRecord(
    int iteration,
    StudentOutput studentOutput,
    String mentorOutput,
    Instant startedAt,
    Instant endedAt) {}
