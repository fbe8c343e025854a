package dev.smileloop.agent.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import java.time.Instant;

/**
 * A Mentor answer kept for every later Student attempt. {@code location} is where the Student was
 * stuck when it asked (null when the Student did not say), so a fix can be applied before that step
 * next time.
 */
public record MentorNote(
    int iteration, String question, String answer, Instant timestamp, TutorialLocation location) {}
