package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
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
    HttpResponse<String> openapi =
        server
            .http()
            .send(
                HttpRequest.newBuilder(server.base().resolve("openapi"))
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, openapi.statusCode(), openapi.body());
    contract = new Contract(openapi.body());
  }

  @Test
  void theDocumentDescribesEveryEndpointWithRealBodies() {
    var paths = contract.document().path("paths");
    for (String path :
        List.of(
            "/api/loop",
            "/api/status",
            "/api/student/result",
            "/api/mentor/result",
            "/api/stop",
            "/api/report",
            "/api/report/{format}",
            "/ws")) {
      assertTrue(paths.has(path), path + " is not described");
    }
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
      contract.assertMatches("LoopState", started.body());

      SmileServer.Reply asked =
          server.post("api/student/result", wrapperStudent("ask_mentor", "q1"));
      assertEquals(200, asked.status(), asked.body());
      contract.assertMatches("CallbackReply", asked.body());
      assertEquals("continue", asked.json().getString("nextAction"));

      SmileServer.Reply mentored =
          server.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
      contract.assertMatches("CallbackReply", mentored.body());
      assertEquals("continue", mentored.json().getString("nextAction"));

      SmileServer.Reply status = server.get("api/status");
      contract.assertMatches("LoopState", status.body());
      JsonObject note = status.json().getJsonArray("mentorNotes").getJsonObject(0);
      assertTrue(note.containsKey("location"), "every mentor note carries location: " + note);

      // The original answers the last iteration's question with the end of the loop.
      SmileServer.Reply last =
          server.post("api/student/result", wrapperStudent("ask_mentor", "q2"));
      contract.assertMatches("CallbackReply", last.body());
      assertEquals("stop", last.json().getString("nextAction"));
      JsonObject complete = events.awaitEvent("loop_complete", WAIT);
      assertEquals("max_iterations", complete.getJsonObject("payload").getString("status"));

      SmileServer.Reply report = server.get("api/report");
      contract.assertMatches("Report", report.body());
      contract.assertMatches("LoopState", server.get("api/status").body());
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
    contract.assertMatches("StopReply", stopped.body());
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
