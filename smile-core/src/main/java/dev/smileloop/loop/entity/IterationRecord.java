package dev.smileloop.loop.entity;

import dev.smileloop.agent.entity.StudentOutput;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * One Student (and possibly Mentor) cycle; {@code mentorOutput} is null when none ran, and is
 * written as {@code null} then, as SPEC section 5 shows it.
 */
public record IterationRecord(
    int iteration,
    StudentOutput studentOutput,
    @JsonbNillable String mentorOutput,
    Instant startedAt,
    Instant endedAt) {}
