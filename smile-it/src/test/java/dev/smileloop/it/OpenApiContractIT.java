package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /openapi} is the contract: the document the real server serves describes every endpoint,
 * and every real answer of a loop driven the way the original Python wrappers drive it (camelCase
 * envelopes, snake_case outputs, nulls for absent fields), every error and every {@code /ws} event
 * is valid against the schema the document names for it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiContractIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;
  private Contract contract;

  @BeforeEach
  void quietServerAndItsContract() throws Exception {
    server = new SmileServer(deployed);
    server.stopAnyLoop();
    contract = Contract.of(server);
  }

  @Test
  void theDocumentDescribesEveryEndpointWithRealBodies() throws Exception {
    var paths = contract.document().path("paths");
    Set<String> described = new TreeSet<>();
    paths
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (HTTP_METHODS.contains(method) && path.getKey().startsWith("/api/")) {
                            described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    Set<String> real = JaxRsEndpoints.of(Path.of(System.getProperty("smile.war")));
    assertTrue(real.contains("GET /api/runs/{id}"), "the WAR's resources were read: " + real);
    assertEquals(
        real,
        described,
        "/openapi must describe exactly the WAR's JAX-RS endpoints; not described: "
            + difference(real, described)
            + ", described but not in the WAR: "
            + difference(described, real));
    assertTrue(paths.has("/ws"), "/ws is not described");
    var start = paths.path("/api/loop").path("post");
    assertEquals(
        "#/components/schemas/StartLoopCommand",
        start
            .path("requestBody")
            .path("content")
            .path("application/json")
            .path("schema")
            .path("$ref")
            .asText());
    assertTrue(start.path("responses").has("202") && start.path("responses").has("409"));
    assertTrue(contract.document().path("components").path("schemas").has("WsEnvelope"));
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new TreeSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  /** A wrapper's Student output: snake_case, every absent field an explicit null. */
  private static String wrapperStudent(String status, String question) {
    var output =
        Json.createObjectBuilder()
            .add("status", status)
            .add("current_step", "Step 2: Read it")
            .add("attempted_actions", Json.createArrayBuilder().add("cat greet.txt"))
            .add("summary", "tried step 2")
            .add("files_created", JsonValue.EMPTY_JSON_ARRAY)
            .add("commands_run", Json.createArrayBuilder().add("cat greet.txt"));
    if (question == null) {
      output.addNull("problem").addNull("question_for_mentor").addNull("reason");
    } else {
      output
          .add("problem", "cat: greet.txt: No such file or directory")
          .add("question_for_mentor", question)
          .addNull("reason");
    }
    return Json.createObjectBuilder()
        .add("studentOutput", output)
        .add("timestamp", "2026-11-26T12:00:00.123456+00:00")
        .build()
        .toString();
  }

  @Test
  void aLoopDrivenLikeTheOriginalWrappersAnswersWhatTheContractSays() throws Exception {
    try (WsClient events = WsClient.connect(server)) {
      events.awaitEvent("connected", WAIT);
      SmileServer.Reply started =
          server.post(
              "api/loop",
              Bodies.externalLoop(Json.createObjectBuilder().add("maxIterations", 2).build()));
      assertEquals(202, started.status(), started.body());
      contract.assertAnswers("POST", "/api/loop", started);

      SmileServer.Reply asked =
          server.post("api/student/result", wrapperStudent("ask_mentor", "q1"));
      assertEquals(200, asked.status(), asked.body());
      contract.assertAnswers("POST", "/api/student/result", asked);
      assertEquals("continue", asked.json().getString("nextAction"));

      SmileServer.Reply mentored =
          server.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
      contract.assertAnswers("POST", "/api/mentor/result", mentored);
      assertEquals("continue", mentored.json().getString("nextAction"));

      SmileServer.Reply status = server.get("api/status");
      contract.assertAnswers("GET", "/api/status", status);
      contract.assertAnswers(
          "GET", "/api/status", server.send(server.anonymous("api/status").GET()));
      JsonObject note = status.json().getJsonArray("mentorNotes").getJsonObject(0);
      assertTrue(note.containsKey("location"), "every mentor note carries location: " + note);

      // The original answers the last iteration's question with the end of the loop.
      SmileServer.Reply last =
          server.post("api/student/result", wrapperStudent("ask_mentor", "q2"));
      contract.assertAnswers("POST", "/api/student/result", last);
      assertEquals("stop", last.json().getString("nextAction"));
      JsonObject complete = events.awaitEvent("loop_complete", WAIT);
      assertEquals("max_iterations", complete.getJsonObject("payload").getString("status"));

      SmileServer.Reply report = server.get("api/report");
      contract.assertAnswers("GET", "/api/report", report);
      for (String format : List.of("json", "markdown", "audit", "junit", "sarif")) {
        contract.assertAnswers("GET", "/api/report/{format}", server.get("api/report/" + format));
      }
      contract.assertAnswers("GET", "/api/status", server.get("api/status"));
      for (JsonObject envelope : events.events()) {
        contract.assertMatches("WsEnvelope", envelope.toString());
      }
    }
  }

  @Test
  void startingAnswers202WithTheLocationToFollow() throws Exception {
    HttpResponse<String> started =
        server
            .http()
            .send(
                server
                    .authorized("api/loop")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Bodies.externalLoop()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(202, started.statusCode(), started.body());
    String location = started.headers().firstValue("Location").orElse("");
    assertTrue(location.endsWith("/api/status"), "Location: " + location);
    SmileServer.Reply stopped = server.post("api/stop", "{\"reason\": \"done\"}");
    contract.assertAnswers("POST", "/api/stop", stopped);
  }

  @Test
  void theLoopsAndTheHistoryAnswerWhatTheContractSays() throws Exception {
    // External agents that never report: the loop runs until it is stopped; no sandbox needed.
    SmileServer.Reply submitted =
        server.post(
            "api/loops",
            Bodies.externalLoop(Json.createObjectBuilder().add("maxIterations", 1).build()));
    contract.assertAnswers("POST", "/api/loops", submitted);
    assertEquals(202, submitted.status(), submitted.body());
    String id = submitted.json().getString("id");
    contract.assertAnswers("GET", "/api/loops", server.get("api/loops"));
    SmileServer.Reply entry = awaitLoop(id, e -> e.containsKey("state"));
    contract.assertAnswers("GET", "/api/loops/{id}", entry);
    for (String format : List.of("json", "markdown", "audit", "junit", "sarif")) {
      SmileServer.Reply report = server.get("api/loops/" + id + "/report/" + format);
      assertEquals(200, report.status(), format + ": " + report.body());
      contract.assertAnswers("GET", "/api/loops/{id}/report/{format}", report);
    }
    SmileServer.Reply stopped = server.post("api/loops/" + id + "/stop", "{\"reason\": \"done\"}");
    assertEquals(200, stopped.status(), stopped.body());
    contract.assertAnswers("POST", "/api/loops/{id}/stop", stopped);
    SmileServer.Reply finished = awaitLoop(id, e -> "finished".equals(e.getString("phase")));
    contract.assertAnswers("GET", "/api/loops/{id}", finished);
    assertEquals("stopped", finished.json().getJsonObject("state").getString("status"));

    SmileServer.Reply again = server.post("api/loops/" + id + "/stop", "");
    assertEquals(503, again.status(), again.body());
    contract.assertAnswers("POST", "/api/loops/{id}/stop", again);
    assertAnswersWith(
        400, "POST", "/api/loops", server.post("api/loops", "{\"tutorialContent\": 5}"));
    assertAnswersWith(400, "POST", "/api/loops", server.post("api/loops", "{\"resume\": true}"));
    assertAnswersWith(
        400,
        "POST",
        "/api/loops/{id}/stop",
        server.post("api/loops/" + id + "/stop", "{\"reason\": 5}"));
    assertAnswersWith(404, "GET", "/api/loops/{id}", server.get("api/loops/nope"));
    assertAnswersWith(
        404, "POST", "/api/loops/{id}/stop", server.post("api/loops/nope/stop", "{}"));
    assertAnswersWith(
        404,
        "GET",
        "/api/loops/{id}/report/{format}",
        server.get("api/loops/" + id + "/report/pdf"));
    assertAnswersWith(
        404, "GET", "/api/loops/{id}/report/{format}", server.get("api/loops/nope/report/json"));
    assertAnswersWith(401, "GET", "/api/loops", server.send(server.anonymous("api/loops").GET()));

    // The stopped loop is in the history now (its reports were written before it finished).
    SmileServer.Reply runs = server.get("api/runs?size=5");
    assertEquals(200, runs.status(), runs.body());
    contract.assertAnswers("GET", "/api/runs", runs);
    long run = runs.json().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    SmileServer.Reply detail = server.get("api/runs/" + run);
    assertEquals(200, detail.status(), detail.body());
    contract.assertAnswers("GET", "/api/runs/{id}", detail);
    contract.assertAnswers(
        "GET", "/api/runs", server.get("api/runs?outcome=STOPPED&from=2000-01-01&to=2999-01-01"));
    for (String query :
        List.of(
            "size=0",
            "size=201",
            "size=ten",
            "page=0",
            "page=1.5",
            "outcome=great",
            "from=yesterday",
            "from=2026-12-02&to=2026-12-01")) {
      assertAnswersWith(400, "GET", "/api/runs", server.get("api/runs?" + query));
    }
    assertAnswersWith(404, "GET", "/api/runs/{id}", server.get("api/runs/987654321"));
    assertAnswersWith(400, "GET", "/api/runs/{id}", server.get("api/runs/abc"));
    assertAnswersWith(401, "GET", "/api/runs", server.send(server.anonymous("api/runs").GET()));

    // 404 until the single loop ran on this server, then its tutorial.
    contract.assertAnswers("GET", "/api/tutorial", server.get("api/tutorial"));
    assertEquals(202, server.post("api/loop", Bodies.externalLoop()).status());
    assertAnswersWith(200, "GET", "/api/tutorial", server.get("api/tutorial"));
    server.stopAnyLoop();
    assertAnswersWith(
        401, "GET", "/api/tutorial", server.send(server.anonymous("api/tutorial").GET()));
  }

  @Test
  void aQueuedLoopAnswersWhatTheContractSays() {
    int concurrency = server.get("api/loops").json().getInt("concurrency");
    String loop = Bodies.externalLoop(Json.createObjectBuilder().add("maxIterations", 1).build());
    List<String> running = new ArrayList<>();
    try {
      // External agents never report, so every slot stays taken until the loops are stopped.
      for (int i = 0; i < concurrency; i++) {
        running.add(server.post("api/loops", loop).json().getString("id"));
      }
      SmileServer.Reply waiting = server.post("api/loops", loop);
      contract.assertAnswers("POST", "/api/loops", waiting);
      String queued = waiting.json().getString("id");
      assertEquals("queued", waiting.json().getString("phase"), waiting.body());
      assertTrue(waiting.json().getInt("queuePosition") >= 1, waiting.body());
      SmileServer.Reply noReport = server.get("api/loops/" + queued + "/report/json");
      assertAnswersWith(404, "GET", "/api/loops/{id}/report/{format}", noReport);
      assertTrue(noReport.error().contains("still queued"), noReport.body());

      SmileServer.Reply dequeued = server.post("api/loops/" + queued + "/stop", "");
      assertAnswersWith(200, "POST", "/api/loops/{id}/stop", dequeued);
      assertEquals("stopped", dequeued.json().getString("phase"), dequeued.body());
      SmileServer.Reply never = server.get("api/loops/" + queued + "/report/markdown");
      assertAnswersWith(404, "GET", "/api/loops/{id}/report/{format}", never);
      assertTrue(never.error().contains("stopped before it ran"), never.body());
      assertAnswersWith(
          503, "POST", "/api/loops/{id}/stop", server.post("api/loops/" + queued + "/stop", ""));
    } finally {
      for (String id : running) {
        server.post("api/loops/" + id + "/stop", "{\"reason\": \"test isolation\"}");
      }
      for (String id : running) {
        awaitLoop(id, e -> "finished".equals(e.getString("phase")));
      }
    }
  }

  private void assertAnswersWith(int status, String method, String path, SmileServer.Reply reply) {
    assertEquals(status, reply.status(), method + " " + path + ": " + reply.body());
    contract.assertAnswers(method, path, reply);
  }

  /** Polls {@code GET /api/loops/{id}} until the entry is as wanted. */
  private SmileServer.Reply awaitLoop(String id, Predicate<JsonObject> wanted) {
    Instant deadline = Instant.now().plus(WAIT);
    SmileServer.Reply entry = server.get("api/loops/" + id);
    while (entry.status() != 200 || !wanted.test(entry.json())) {
      assertTrue(Instant.now().isBefore(deadline), "loop " + id + ": " + entry.body());
      SmileServer.sleep(20);
      entry = server.get("api/loops/" + id);
    }
    return entry;
  }

  @Test
  void everyErrorIsOneProblemShapeContainerErrorsIncluded() throws Exception {
    List<SmileServer.Reply> errors =
        List.of(
            server.get("api/nope"),
            server.get("api/loop"),
            server.get("nope"),
            server.get("dashboard/nope.js"),
            server.post("api/student/result", Bodies.completed()),
            server.post("api/loop", "{not json"),
            server.post("api/stop", "{}"),
            server.get("api/report/pdf"));
    List<Integer> statuses = errors.stream().map(SmileServer.Reply::status).toList();
    assertEquals(List.of(404, 405, 404, 404, 503, 400, 503, 404), statuses);
    for (SmileServer.Reply error : errors) {
      assertTrue(
          error.contentType().startsWith("application/problem+json"),
          error.status() + " " + error.contentType() + ": " + error.body());
      contract.assertMatches("Problem", error.body());
      assertEquals(error.json().getString("detail"), error.json().getString("error"));
      assertEquals(error.status(), error.json().getInt("status"));
    }
  }
}
