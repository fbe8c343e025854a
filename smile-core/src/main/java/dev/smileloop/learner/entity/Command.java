package dev.smileloop.learner.entity;

/**
 * One shell statement of a code block, possibly over several lines (continuations, heredocs,
 * loops), with the tutorial lines it spans.
 */
public record Command(String text, int line, int endLine) {}
