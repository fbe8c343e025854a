package dev.smileloop.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The real WAR, as Arquillian deploys it, and a small HTTP client for it. Arquillian injects a URL
 * with the machine's address; the tests talk to the loopback address instead. Every request carries
 * the API token the build gave the server ({@code SMILE_API_TOKEN} in the failsafe environment),
 * except those sent with {@link #anonymous}.
 */
final class SmileServer {

  /** The server's API token, from the environment the server inherits. */
  static final String TOKEN = System.getenv("SMILE_API_TOKEN");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;

  SmileServer(URL deployed) {
    this.base = URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
  }

  /** The WAR the build produced, deployed at the root context like the uber-jar does. */
  static WebArchive war() {
    File war = new File(System.getProperty("smile.war", "../smile-api/target/smile.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  URI base() {
    return base;
  }

  URI ws(String query) {
    return URI.create(
        "ws://127.0.0.1:" + base.getPort() + "/ws" + (query == null ? "" : "?" + query));
  }

  HttpClient http() {
    return HTTP;
  }

  Reply get(String path) {
    return send(authorized(path).GET());
  }

  Reply post(String path, String body) {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A request with the API token, to add more to. */
  HttpRequest.Builder authorized(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + TOKEN);
  }

  /** A request without any token. */
  HttpRequest.Builder anonymous(String path) {
    return HttpRequest.newBuilder(base.resolve(path));
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops whatever loop is running so every test starts from a quiet server. */
  void stopAnyLoop() {
    post("api/stop", "{\"reason\": \"test isolation\"}");
    // A loop is over once its reports are written: loop_complete has been sent by then.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonObject state = status();
    while (isActive(state.getString("status"))
        || !"idle".equals(state.getString("status")) && !state.containsKey("reports")) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the last loop did not finish: " + state);
      }
      sleep(20);
      state = status();
    }
  }

  JsonObject status() {
    return get("api/status").json();
  }

  /** Polls the status until it matches; fails the test after {@code limit}. */
  JsonObject awaitStatus(java.util.function.Predicate<String> wanted, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    JsonObject state = status();
    while (!wanted.test(state.getString("status"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "status did not arrive within " + limit + "; last state: " + state);
      }
      sleep(50);
      state = status();
    }
    return state;
  }

  static boolean isActive(String status) {
    return !java.util.List.of(
            "idle",
            "completed",
            "max_iterations",
            "blocker",
            "timeout",
            "error",
            "stopped",
            "nothing_to_validate",
            "agent_error")
        .contains(status);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP answer. */
  record Reply(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
    JsonObject json() {
      JsonStructure structure = Json.createReader(new StringReader(body)).read();
      return structure.asJsonObject();
    }

    String error() {
      return json().getString("error");
    }
  }
}
