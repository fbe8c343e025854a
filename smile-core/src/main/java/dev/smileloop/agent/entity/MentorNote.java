package dev.smileloop.agent.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * A Mentor answer kept for every later Student attempt. {@code location} is where the Student was
 * stuck when it asked (null when the Student did not say), so a fix can be applied before that step
 * next time. {@code location} is always written, as {@code null} when unknown, so every note has
 * the same fields.
 */
public record MentorNote(
    int iteration,
    String question,
    String answer,
    Instant timestamp,
    @JsonbNillable TutorialLocation location) {}
