package dev.smileloop.learner.entity;

/** A Markdown image ({@code ![alt](target)}) and the line it is on. */
public record ImageReference(String target, String alt, int line) {}
