package dev.smileloop.model.control;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The transport under LangChain4j's model clients, on {@code java.net.http}. It exists because
 * LangChain4j's own JDK client drops the headers of a failed response, and SMILE must honour a
 * rate-limited server's {@code Retry-After}: a failure is thrown as {@link Failure}, an {@link
 * HttpException} that keeps it. The wire formats stay LangChain4j's; this only moves bytes.
 */
final class ModelHttpClient implements HttpClient {

  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private ModelHttpClient(Duration connectTimeout, Duration readTimeout) {
    java.net.http.HttpClient.Builder builder =
        java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1);
    if (connectTimeout != null) {
      builder.connectTimeout(connectTimeout);
    }
    this.client = builder.build();
    this.readTimeout = readTimeout;
  }

  /** A failed HTTP call with the server's {@code Retry-After}, when it sent one. */
  static final class Failure extends HttpException {
    private final transient Duration retryAfter;

    Failure(int statusCode, String body, Duration retryAfter) {
      super(statusCode, body);
      this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    java.net.http.HttpRequest.Builder jdk =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    if (readTimeout != null) {
      jdk.timeout(readTimeout);
    }
    request.headers().forEach((name, values) -> values.forEach(v -> jdk.header(name, v)));
    java.net.http.HttpRequest.BodyPublisher body =
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(
                request.body(), StandardCharsets.UTF_8);
    jdk.method(request.method().name(), body);
    HttpResponse<String> response;
    try {
      response =
          client.send(jdk.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelTransportException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelTransportException(e);
    }
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new Failure(
          response.statusCode(),
          response.body(),
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(ModelHttpClient::seconds)
              .orElse(null));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    throw new UnsupportedOperationException("SMILE's model agents do not stream");
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is rare for model APIs and ignored). */
  private static Optional<Duration> seconds(String value) {
    try {
      double seconds = Double.parseDouble(value.strip());
      return seconds >= 0
          ? Optional.of(Duration.ofMillis((long) (seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A call that never got an HTTP answer (refused, reset, timed out, interrupted). */
  static final class ModelTransportException extends RuntimeException {
    ModelTransportException(Exception cause) {
      super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }

    boolean timedOut() {
      return getCause() instanceof java.net.http.HttpTimeoutException;
    }
  }

  /** Builds the client; LangChain4j's model builders set the timeouts. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public HttpClient build() {
      return new ModelHttpClient(connectTimeout, readTimeout);
    }
  }
}
