package dev.smileloop.llm.entity;

import java.util.Locale;

/** Which agent an LLM command-line tool plays in an invocation. */
public enum LlmRole {
  /** Follows the tutorial and runs its commands; its tool may act in its workspace. */
  STUDENT,
  /** Answers the Student's question with notes; never performs the task. */
  MENTOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
