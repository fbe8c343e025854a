package dev.smileloop.report.entity;

import java.time.Instant;
import java.util.List;

/**
 * One call to a language model ({@code role} student or mentor), through a command-line tool or a
 * model API. {@code promptTokens} and {@code outputTokens} come from the API's usage report when
 * {@code tokenSource} is {@code api}, else they were counted ({@code counted}); null when unknown.
 * {@code outcome} is {@code ok}, {@code repaired}, {@code unparseable}, {@code timeout}, {@code
 * error} (or, for command-line tools, {@code transient}, {@code fatal}, {@code interrupted}).
 * {@code rawOutput} is what the model answered, secrets masked; {@code toolCalls} the tool calls it
 * made, in order.
 */
public record LlmCall(
    int iteration,
    String role,
    String provider,
    String model,
    Instant startedAt,
    long durationMillis,
    String outcome,
    Instant endedAt,
    Integer promptTokens,
    Integer outputTokens,
    String tokenSource,
    int retries,
    String stopReason,
    String parseStrategy,
    String rawOutput,
    List<String> toolCalls,
    String message) {

  public LlmCall {
    toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
  }

  /** A call known only by its role, timing and outcome. */
  public LlmCall(
      int iteration,
      String role,
      String provider,
      String model,
      Instant startedAt,
      long durationMillis,
      String outcome) {
    this(
        iteration,
        role,
        provider,
        model,
        startedAt,
        durationMillis,
        outcome,
        startedAt == null ? null : startedAt.plusMillis(durationMillis),
        null,
        null,
        null,
        0,
        null,
        null,
        null,
        List.of(),
        null);
  }
}
