package dev.smileloop.report.entity;

import java.time.Instant;

/**
 * One iteration as the loop recorded it: when it ran, what the Student reported ({@code
 * studentStatus} null when it never reported, e.g. the loop timed out first) and where ({@code
 * line} 0 when unknown), and the Mentor's answer if one came. {@code reportedAt} is estimated from
 * the iteration's start and its commands' durations.
 */
public record IterationAudit(
    int iteration,
    Instant startedAt,
    Instant endedAt,
    Instant reportedAt,
    String studentStatus,
    String trigger,
    int line,
    String step,
    String problem,
    String question,
    String summary,
    String mentorAnswer,
    Instant mentorAnsweredAt) {}
