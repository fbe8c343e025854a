package dev.smileloop.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) that records every envelope. A "paused" client stops asking
 * for frames, so the server sees a client that does not read.
 */
final class WsClient implements AutoCloseable {

  private final List<JsonObject> events = new ArrayList<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;
  private final boolean paused;

  private WsClient(HttpClient http, URI uri, boolean paused) {
    this(
        http.newWebSocketBuilder().header("Authorization", "Bearer " + SmileServer.TOKEN),
        uri,
        paused);
  }

  private WsClient(WebSocket.Builder builder, URI uri, boolean paused) {
    this.paused = paused;
    this.socket = builder.buildAsync(uri, new Listener()).join();
  }

  /** Connects as a browser does: the token offered as a subprotocol next to smile.v1. */
  static WsClient connectWithSubprotocols(SmileServer server, String... subprotocols) {
    return new WsClient(
        server
            .http()
            .newWebSocketBuilder()
            .subprotocols(
                subprotocols[0],
                java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length)),
        server.ws(null),
        false);
  }

  /** The subprotocol the server chose ("" when none). */
  String subprotocol() {
    return socket.getSubprotocol();
  }

  static WsClient connect(SmileServer server) {
    return new WsClient(server.http(), server.ws(null), false);
  }

  static WsClient connect(SmileServer server, String query) {
    return new WsClient(server.http(), server.ws(query), false);
  }

  /** A client that reads the first frame and then nothing, until {@link #resume()}. */
  static WsClient connectPaused(SmileServer server) {
    return new WsClient(server.http(), server.ws(null), true);
  }

  void resume() {
    socket.request(Long.MAX_VALUE);
  }

  synchronized List<JsonObject> events() {
    return List.copyOf(events);
  }

  List<String> names() {
    return events().stream().map(e -> e.getString("event")).toList();
  }

  /** Waits until an event matches; fails with what arrived when it does not. */
  JsonObject await(Predicate<JsonObject> wanted, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      for (JsonObject event : events()) {
        if (wanted.test(event)) {
          return event;
        }
      }
      SmileServer.sleep(20);
    }
    throw new AssertionError("no matching event within " + limit + "; got " + names());
  }

  JsonObject awaitEvent(String name, Duration limit) {
    return await(e -> name.equals(e.getString("event")), limit);
  }

  Integer awaitClose(Duration limit) throws Exception {
    return closeCode.get(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closeCode.isDone();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonObject event = Json.createReader(new StringReader(partial.toString())).readObject();
        partial.setLength(0);
        synchronized (WsClient.this) {
          events.add(event);
        }
      }
      if (!paused || !last) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
