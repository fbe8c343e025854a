package dev.smileloop.agent.entity;

/**
 * The Mentor's plain-text notes. {@code resolvable} is false when the Mentor found no answer: the
 * loop then ends as a blocker.
 */
public record MentorAnswer(String notes, boolean resolvable) {}
