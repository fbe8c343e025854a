package dev.smileloop.model.control;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.smileloop.agent.control.AgentException;
import dev.smileloop.llm.control.LlmCallLog;
import dev.smileloop.llm.control.Tokens;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmCall.Outcome;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.model.entity.ModelEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes one model call for a role and records it. Transient failures (HTTP 429, 5xx, 529,
 * "overloaded", no connection) are retried up to {@link #TRANSIENT_RETRIES} times with exponential
 * backoff and jitter, never sooner than the server's {@code Retry-After}; a call that runs over its
 * timeout is retried once. What cannot be helped by retrying (a refused key, an unknown model, a
 * prompt over the model's context) is fatal with a message that says which setting to change.
 */
public final class ModelCaller {

  static final int TRANSIENT_RETRIES = 3;
  private static final long MAX_PAUSE_MILLIS = 120_000;

  private final ModelEndpoint endpoint;
  private final ChatModel model;
  private final Duration timeout;
  private final LlmRole role;
  private final LlmCallLog log;
  private final Clock clock;
  private final long baseMillis;
  private final Tokens counter;

  ModelCaller(
      ModelEndpoint endpoint,
      ChatModel model,
      Duration timeout,
      LlmRole role,
      LlmCallLog log,
      Clock clock,
      long baseMillis,
      Tokens counter) {
    this.endpoint = endpoint;
    this.model = model;
    this.timeout = timeout;
    this.role = role;
    this.log = log;
    this.clock = clock;
    this.baseMillis = baseMillis;
    this.counter = counter;
  }

  /** An answer with what the audit needs of it. */
  public record Answer(
      ChatResponse response, int retries, Instant startedAt, Instant endedAt, int promptTokens) {

    public AiMessage message() {
      return response.aiMessage();
    }
  }

  /**
   * Calls the model; a failure that no retry helped is recorded and thrown.
   *
   * @throws AgentException transient after the retries, a step timeout after the second timeout,
   *     fatal for what no retry can help
   */
  public Answer call(String loopId, int iteration, ChatRequest request)
      throws AgentException, InterruptedException {
    Instant started = clock.instant();
    int retries = 0;
    boolean timedOutOnce = false;
    int transientFailures = 0;
    while (true) {
      try {
        ChatResponse response = model.chat(request);
        return new Answer(
            response, retries, started, clock.instant(), counter.count(request.messages()));
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          Thread.interrupted();
          throw new InterruptedException("the model call was stopped");
        }
        Optional<HttpException> http = ModelFailures.cause(e, HttpException.class);
        if (ModelFailures.isTimeout(e)) {
          if (!timedOutOnce) {
            timedOutOnce = true;
            retries++;
            continue;
          }
          String message =
              who()
                  + " did not answer within "
                  + timeout.toSeconds()
                  + " s, twice (model."
                  + (role == LlmRole.MENTOR ? "mentorTimeoutSeconds" : "timeoutSeconds")
                  + ")";
          recordFailure(loopId, iteration, request, started, retries, Outcome.TIMEOUT, message);
          throw AgentException.stepTimeout(message);
        }
        if (ModelFailures.isTransient(e, http)) {
          if (transientFailures < TRANSIENT_RETRIES) {
            Thread.sleep(pause(transientFailures, http));
            transientFailures++;
            retries++;
            continue;
          }
          String message =
              who()
                  + " kept failing after "
                  + retries
                  + " retries: "
                  + failures().describe(e, http);
          recordFailure(loopId, iteration, request, started, retries, Outcome.ERROR, message);
          throw AgentException.transientFailure(message);
        }
        String message = failures().fatalMessage(e, http, request);
        recordFailure(loopId, iteration, request, started, retries, Outcome.ERROR, message);
        throw AgentException.fatal(message);
      }
    }
  }

  /** Records a call that was answered, with how its answer was read. */
  public void record(
      String loopId,
      int iteration,
      Answer answer,
      Outcome outcome,
      String parseStrategy,
      String message) {
    ChatResponse response = answer.response();
    TokenUsage usage = response.tokenUsage();
    boolean fromApi = usage != null && usage.inputTokenCount() != null;
    String raw = raw(response.aiMessage());
    Integer outputTokens =
        usage != null && usage.outputTokenCount() != null
            ? usage.outputTokenCount()
            : Integer.valueOf(counter.count(raw));
    log.record(
        new LlmCall(
            loopId,
            iteration,
            role,
            endpoint.provider().wireName(),
            List.of(),
            answer.startedAt(),
            Duration.between(answer.startedAt(), answer.endedAt()).toMillis(),
            null,
            outcome,
            0,
            raw.length(),
            parseStrategy,
            raw.length() > LlmCall.OUTPUT_LIMIT ? raw.substring(0, LlmCall.OUTPUT_LIMIT) : raw,
            null,
            message,
            new LlmCall.Usage(
                response.modelName() != null ? response.modelName() : endpoint.modelName(),
                fromApi ? usage.inputTokenCount() : answer.promptTokens(),
                outputTokens,
                fromApi,
                answer.retries(),
                response.finishReason() == null
                    ? null
                    : response.finishReason().name().toLowerCase(Locale.ROOT),
                toolCalls(response.aiMessage()),
                answer.endedAt())));
  }

  private void recordFailure(
      String loopId,
      int iteration,
      ChatRequest request,
      Instant started,
      int retries,
      Outcome outcome,
      String message) {
    Instant ended = clock.instant();
    log.record(
        new LlmCall(
            loopId,
            iteration,
            role,
            endpoint.provider().wireName(),
            List.of(),
            started,
            Duration.between(started, ended).toMillis(),
            null,
            outcome,
            0,
            0,
            null,
            "",
            null,
            message,
            new LlmCall.Usage(
                endpoint.modelName(),
                counter.count(request.messages()),
                null,
                false,
                retries,
                null,
                List.of(),
                ended)));
  }

  /** What the model answered, as text: its words and then each tool call. */
  static String raw(AiMessage message) {
    StringBuilder raw = new StringBuilder(message.text() == null ? "" : message.text());
    for (String call : toolCalls(message)) {
      raw.append(raw.isEmpty() ? "" : "\n").append("[tool call] ").append(call);
    }
    return raw.toString();
  }

  static List<String> toolCalls(AiMessage message) {
    List<String> calls = new ArrayList<>();
    if (message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest r : message.toolExecutionRequests()) {
        calls.add(r.name() + " " + r.arguments());
      }
    }
    return calls;
  }

  private long pause(int failures, Optional<HttpException> http) {
    long backoff = baseMillis << Math.min(failures, 10);
    long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, baseMillis / 2 + 1));
    long retryAfter =
        http.filter(ModelHttpClient.Failure.class::isInstance)
            .flatMap(h -> ((ModelHttpClient.Failure) h).retryAfter())
            .map(Duration::toMillis)
            .orElse(0L);
    return Math.min(MAX_PAUSE_MILLIS, Math.max(backoff + jitter, retryAfter));
  }

  private ModelFailures failures() {
    return new ModelFailures(endpoint, counter, who());
  }

  private String who() {
    return "the " + role.wireName() + "'s model (" + endpoint + ")";
  }
}
