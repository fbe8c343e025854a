package dev.smileloop.config.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which agents play Student and Mentor. */
public enum LlmProvider {
  /** Anthropic's {@code claude} command-line tool. */
  CLAUDE("claude"),
  /** OpenAI's {@code codex} command-line tool. */
  CODEX("codex"),
  /** Google's {@code gemini} command-line tool. */
  GEMINI("gemini"),
  /** An OpenAI-compatible chat-completions API (OpenAI, Ollama, llama.cpp server, vLLM, ...). */
  OPENAI("openai"),
  /** Anthropic's Messages API. */
  ANTHROPIC("anthropic"),
  /** Google's Gemini API (generateContent); {@code gemini} is Google's command-line tool. */
  GOOGLE("google"),
  /** The deterministic built-in learner and rule-based mentor; needs no LLM. */
  BUILTIN("builtin"),
  /** Agents run elsewhere and report through the REST callbacks. */
  EXTERNAL("external");

  private final String wireName;

  LlmProvider(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isCommandLineTool() {
    return this == CLAUDE || this == CODEX || this == GEMINI;
  }

  /** A model API the server calls itself, the Student acting only through SMILE's tools. */
  public boolean isModelApi() {
    return this == OPENAI || this == ANTHROPIC || this == GOOGLE;
  }

  public static Optional<LlmProvider> parse(String value) {
    return Arrays.stream(values())
        .filter(p -> p.wireName.equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
