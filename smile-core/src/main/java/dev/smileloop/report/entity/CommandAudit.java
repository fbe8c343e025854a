package dev.smileloop.report.entity;

import java.time.Instant;

/**
 * A command the Student ran, in run order ({@code sequence} counts from 1 across the loop). {@code
 * startedAt} is estimated: the iteration's start plus the durations of the commands before it in
 * that iteration. {@code exitCode} and {@code durationMillis} are null for commands an agent only
 * listed by name; {@code line} is 0 when the command is not a tutorial line (a Mentor's fix).
 */
public record CommandAudit(
    int sequence,
    int iteration,
    Instant startedAt,
    String command,
    int line,
    String step,
    Integer exitCode,
    Long durationMillis,
    boolean timedOut,
    boolean fromMentor,
    String outputExcerpt) {}
