package dev.smileloop.api.error;

/** Every error answer: {@code {"error": "what is wrong"}}. */
public record ErrorBody(String error) {}
