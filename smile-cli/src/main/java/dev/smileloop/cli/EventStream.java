package dev.smileloop.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The server's {@code /ws} event stream, read into a queue of parsed envelopes. */
final class EventStream implements AutoCloseable {

  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private final WebSocket socket;
  private volatile String closedBecause;

  private EventStream(HttpClient http, URI wsUri, String token) {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      this.socket = builder.buildAsync(wsUri, new Listener()).join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.http.WebSocketHandshakeException handshake) {
        int status = handshake.getResponse().statusCode();
        throw new ServerUrls.Unreachable(
            "no SMILE event stream at "
                + wsUri
                + " (HTTP "
                + status
                + (status == 401 || status == 403
                    ? "); is the token right (--token, SMILE_API_TOKEN or .smile/token)?"
                    : "); is the --server URL right, with its context root?"));
      }
      throw new ServerUrls.Unreachable(
          "cannot connect to the SMILE server at " + wsUri + " (" + Main.describe(cause) + ")");
    }
  }

  /** Connects with the API token (sent as {@code Authorization: Bearer}); null sends none. */
  static EventStream connect(HttpClient http, ServerUrls server, String token) {
    return new EventStream(http, server.events(), token);
  }

  /** The next envelope, or null when none came within {@code timeout}. */
  JsonObject next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Why the server closed the stream, or null while it is open. */
  String closedBecause() {
    return closedBecause;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(Json.createReader(new StringReader(partial.toString())).readObject());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closedBecause = statusCode + (reason == null || reason.isBlank() ? "" : " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closedBecause = "error: " + error.getMessage();
    }
  }
}
