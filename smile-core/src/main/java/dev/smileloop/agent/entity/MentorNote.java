package dev.smileloop.agent.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import java.time.Instant;

/**
 * A Mentor answer kept for every later Student attempt. {@code location} is where the Student was
 * stuck when it asked (null when the Student did not say), so a fix can be applied before that step
 * next time. The loop always gives one (as the report does, {@code line} 0 when the Student named
 * no line, with its step as the heading), so every note on the wire has the same fields.
 */
public record MentorNote(
    int iteration, String question, String answer, Instant timestamp, TutorialLocation location) {}
