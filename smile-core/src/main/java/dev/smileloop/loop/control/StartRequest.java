package dev.smileloop.loop.control;

import jakarta.json.JsonObject;

/**
 * What a caller asks for when it starts (or resumes) a loop, already typed: at most one of {@code
 * tutorialContent} (Markdown) and {@code tutorialPath}, an optional {@code configPath}, {@code
 * config} overrides (fields of {@code smile.json}, read by {@code ConfigLoader} with its own
 * messages) and {@code resume}. Any of them may be null. {@link LoopSetup} turns it into a {@link
 * LoopRequest}.
 */
public record StartRequest(
    String tutorialContent,
    String tutorialPath,
    String configPath,
    JsonObject config,
    boolean resume) {

  /** A request with the configuration's own tutorial and defaults. */
  public static StartRequest defaults() {
    return new StartRequest(null, null, null, null, false);
  }
}
