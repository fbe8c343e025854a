package dev.smileloop.model.control;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP model server for tests: it replays a scenario file (test resources, {@code
 * dev/smileloop/model/scenarios/NAME.json}) of answers recorded in the OpenAI chat-completions or
 * Anthropic Messages wire format, one per request in order, and keeps every request it got. A
 * scenario is {@code {"exchanges": [{"status": 200, "headers": {...}, "body": {...}}]}}; past the
 * last exchange it answers 500.
 */
public final class ScriptedModelServer implements AutoCloseable {

  /** One request as it arrived. */
  public record Received(String path, JsonObject body, Instant at) {}

  private final HttpServer server;
  private final List<JsonObject> exchanges;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  private ScriptedModelServer(List<JsonObject> exchanges) throws IOException {
    this.exchanges = exchanges;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  public static ScriptedModelServer replaying(String scenario) throws IOException {
    String resource = "/dev/smileloop/model/scenarios/" + scenario + ".json";
    try (InputStream in = ScriptedModelServer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario " + resource);
      }
      try (JsonReader reader =
          Json.createReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return new ScriptedModelServer(
            reader.readObject().getJsonArray("exchanges").getValuesAs(JsonObject.class));
      }
    }
  }

  /** The base URL to configure ({@code model.baseUrl}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonObject body;
      try (JsonReader reader =
          Json.createReader(
              new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8))) {
        body = reader.readObject();
      } catch (RuntimeException e) {
        body = JsonValue.EMPTY_JSON_OBJECT;
      }
      received.add(new Received(exchange.getRequestURI().getPath(), body, Instant.now()));
      int index = next.getAndIncrement();
      if (index >= exchanges.size()) {
        send(exchange, 500, "{\"error\": {\"message\": \"the scenario has no more answers\"}}");
        return;
      }
      JsonObject scripted = exchanges.get(index);
      JsonObject headers = scripted.getJsonObject("headers");
      if (headers != null) {
        headers.forEach(
            (name, value) ->
                exchange
                    .getResponseHeaders()
                    .add(name, ((jakarta.json.JsonString) value).getString()));
      }
      if (scripted.containsKey("delayMillis")) {
        try {
          Thread.sleep(scripted.getJsonNumber("delayMillis").longValue());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      send(exchange, scripted.getInt("status", 200), scripted.get("body").toString());
    }
  }

  private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
