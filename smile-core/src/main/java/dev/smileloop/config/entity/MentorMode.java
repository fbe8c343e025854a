package dev.smileloop.config.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who answers the Student when it asks: the provider's Mentor, or a person. */
public enum MentorMode {
  /** The Mentor that comes with {@code llmProvider} (built-in rules, an LLM, or a callback). */
  AGENT("agent"),
  /**
   * A person answers through {@code POST /api/mentor/result} (the dashboard's form); the Student
   * stays the provider's. The step timeout still applies to the wait.
   */
  HUMAN("human");

  private final String wireName;

  MentorMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<MentorMode> parse(String value) {
    return Arrays.stream(values())
        .filter(m -> m.wireName.equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
