package dev.smileloop.api;

/** Every error answer: {@code {"error": "what is wrong"}}. */
public record ErrorBody(String error) {}
