package dev.smileloop.llm.entity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One invocation of an LLM command-line tool, for the audit trail.
 *
 * <p>{@code argv} is the command line that ran, with values of secret-looking options masked; the
 * prompt is not part of it (it went to standard input), only its length. {@code exitCode} is null
 * when the process was killed (timeout, interrupt). {@code output} is what the tool printed on
 * standard output, cut to {@link #OUTPUT_LIMIT} characters (the head is dropped, because the answer
 * is at the end); {@code outputChars} is the full length. {@code parseStrategy} is, for the
 * Student, how its JSON was recovered ({@code direct}, {@code fenced}, {@code balanced}, {@code
 * fields}, {@code repaired} or {@code unparseable}, see {@code StudentOutputParser}); null for the
 * Mentor and for failed calls. {@code errorOutput} is the tail of standard error; {@code message}
 * says why a call failed (null when it succeeded).
 */
public record LlmCall(
    String loopId,
    int iteration,
    LlmRole role,
    String provider,
    List<String> argv,
    Instant startedAt,
    long durationMillis,
    Integer exitCode,
    Outcome outcome,
    int promptChars,
    int outputChars,
    String parseStrategy,
    String output,
    String errorOutput,
    String message,
    Usage usage) {

  /**
   * What only a model-API call knows: the model, token counts ({@code fromApi}: the API's usage
   * report, else counted), retries of transient errors and timeouts, the stop reason, the tool
   * calls in order, and the real end of the call. For command-line calls {@link Usage#none} .
   */
  public record Usage(
      String model,
      Integer promptTokens,
      Integer outputTokens,
      boolean fromApi,
      int retries,
      String stopReason,
      List<String> toolCalls,
      Instant endedAt) {

    public Usage {
      toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
    }

    public static Usage none() {
      return new Usage(null, null, null, false, 0, null, List.of(), null);
    }
  }

  /** How many characters of standard output a call keeps. */
  public static final int OUTPUT_LIMIT = 64 * 1024;

  /** How a call ended, as the loop saw it. */
  public enum Outcome {
    /** The tool answered and its answer was used. */
    OK,
    /**
     * The tool failed in a way worth retrying (rate limit, overload, network, an unknown crash).
     */
    TRANSIENT,
    /**
     * The tool cannot work as configured (not logged in, rejected command line); no retry helps.
     */
    FATAL,
    /** The tool did not finish within {@code studentBehavior.timeoutSeconds}; it was killed. */
    TIMEOUT,
    /** The loop was stopped or timed out while the tool ran; it was killed. */
    INTERRUPTED,
    /** The answer was used after recovery from messy output (or after being re-asked). */
    REPAIRED,
    /** The answer could not be read as the contract asks. */
    UNPARSEABLE,
    /** The model API failed (after its retries) or broke the tool protocol. */
    ERROR;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LlmCall {
    argv = List.copyOf(argv);
    usage = usage == null ? Usage.none() : usage;
  }

  /**
   * The model named on the command line ({@code --model x}, {@code -m x}), or null for the tool's
   * default.
   */
  public String model() {
    if (usage.model() != null) {
      return usage.model();
    }
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.startsWith("--model=")) {
        return arg.substring("--model=".length());
      }
      if ((arg.equals("--model") || arg.equals("-m")) && i + 1 < argv.size()) {
        return argv.get(i + 1);
      }
    }
    return null;
  }

  /** This call as the report's audit trail lists it. */
  public dev.smileloop.report.entity.LlmCall toAudit() {
    Instant endedAt =
        usage.endedAt() != null ? usage.endedAt() : startedAt.plusMillis(durationMillis);
    return new dev.smileloop.report.entity.LlmCall(
        iteration,
        role.wireName(),
        provider,
        model(),
        startedAt,
        durationMillis,
        outcome.wireName(),
        endedAt,
        usage.promptTokens(),
        usage.outputTokens(),
        usage.promptTokens() == null ? null : usage.fromApi() ? "api" : "counted",
        usage.retries(),
        usage.stopReason(),
        parseStrategy,
        output,
        usage.toolCalls(),
        message);
  }
}
