package dev.smileloop.model.control;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.smileloop.llm.control.Tokens;
import dev.smileloop.model.entity.ModelEndpoint;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a model call's failure apart: a timeout, a transient error worth retrying (HTTP 429, 5xx,
 * 529, "overloaded", no connection), or one no retry helps, described so that the message names the
 * setting to change.
 */
final class ModelFailures {

  private static final int EXCERPT = 300;

  private final ModelEndpoint endpoint;
  private final Tokens counter;
  private final String who;

  ModelFailures(ModelEndpoint endpoint, Tokens counter, String who) {
    this.endpoint = endpoint;
    this.counter = counter;
    this.who = who;
  }

  static boolean isTimeout(RuntimeException e) {
    return cause(e, java.net.http.HttpTimeoutException.class).isPresent()
        || cause(e, dev.langchain4j.exception.TimeoutException.class).isPresent();
  }

  static boolean isTransient(RuntimeException e, Optional<HttpException> http) {
    if (http.isPresent()) {
      int status = http.get().statusCode();
      String body = String.valueOf(http.get().getMessage()).toLowerCase(Locale.ROOT);
      return status == 429 || status >= 500 || body.contains("overloaded");
    }
    return cause(e, ModelHttpClient.ModelTransportException.class).isPresent()
        || cause(e, java.io.IOException.class).isPresent();
  }

  String fatalMessage(RuntimeException e, Optional<HttpException> http, ChatRequest r) {
    if (http.isPresent()) {
      int status = http.get().statusCode();
      String body = String.valueOf(http.get().getMessage());
      String lower = body.toLowerCase(Locale.ROOT);
      if (status == 401 || status == 403) {
        return who
            + " refused the API key from the environment variable "
            + endpoint.apiKeyEnv()
            + " (HTTP "
            + status
            + ")";
      }
      if (lower.contains("context") || lower.contains("too long") || lower.contains("too many")) {
        return "the prompt ("
            + counter.count(r.messages())
            + " tokens counted) does not fit the context of "
            + endpoint.modelName()
            + " (HTTP "
            + status
            + ": "
            + excerpt(body)
            + "); model.contextSize is "
            + endpoint.contextSize()
            + " tokens: set it to the model's real context size, or use a model with a larger one";
      }
      if (status == 404) {
        return who + " does not know the model \"" + endpoint.modelName() + "\" (HTTP 404)";
      }
      return who + " rejected the request (HTTP " + status + "): " + excerpt(body);
    }
    return who + " failed: " + e;
  }

  String describe(RuntimeException e, Optional<HttpException> http) {
    return http.map(h -> "HTTP " + h.statusCode() + ": " + excerpt(String.valueOf(h.getMessage())))
        .orElse(String.valueOf(e.getMessage()));
  }

  static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "…" : flat;
  }

  static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
