package dev.smileloop.tutorial.entity;

/** A place in a tutorial: its 1-indexed line, the quoted text there, and the step heading. */
public record TutorialLocation(int line, String quote, String heading) {}
