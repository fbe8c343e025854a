package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many loops on the real WAR: more loops than the server runs at once, each completing in its own
 * engine and folder, never more running than the configured concurrency, reports per loop.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoopsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;
  private Contract contract;

  @BeforeEach
  void server() {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    contract = Contract.of(server);
  }

  private String submit(String tutorial) {
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", tutorial)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("maxIterations", 3)
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 10)))
            .build()
            .toString();
    SmileServer.Reply reply = server.post("api/loops", body);
    assertEquals(202, reply.status(), reply.body());
    contract.assertAnswers("POST", "/api/loops", reply);
    return reply.json().getString("id");
  }

  @Test
  void moreLoopsThanSlotsAllCompleteNeverMoreRunningThanTheConcurrency() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(submit(Bodies.GREETER.replace("# Greeter", "# Greeter " + i)));
    }
    int concurrency = server.get("api/loops").json().getInt("concurrency");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    int mostRunning = 0;
    while (true) {
      SmileServer.Reply list = server.get("api/loops");
      contract.assertAnswers("GET", "/api/loops", list);
      JsonArray items = list.json().getJsonArray("items");
      List<JsonObject> ours =
          items.stream()
              .map(v -> v.asJsonObject())
              .filter(o -> ids.contains(o.getString("id")))
              .toList();
      long running = ours.stream().filter(o -> o.getString("phase").equals("running")).count();
      mostRunning = Math.max(mostRunning, (int) running);
      assertTrue(running <= concurrency, "running " + running + " of " + concurrency + ": " + ours);
      if (ours.stream().allMatch(o -> o.getString("phase").equals("finished"))) {
        break;
      }
      assertTrue(Instant.now().isBefore(deadline), "loops did not finish: " + ours);
      SmileServer.sleep(50);
    }
    assertTrue(mostRunning >= 1);

    Set<String> loopIds = new HashSet<>();
    Set<String> folders = new HashSet<>();
    for (String id : ids) {
      SmileServer.Reply one = server.get("api/loops/" + id);
      contract.assertAnswers("GET", "/api/loops/{id}", one);
      JsonObject entry = one.json();
      JsonObject state = entry.getJsonObject("state");
      assertEquals("completed", state.getString("status"), entry.toString());
      assertEquals(2, state.getInt("iteration"));
      loopIds.add(state.getString("loopId"));
      Path folder = Path.of(entry.getString("folder"));
      folders.add(folder.toString());
      assertTrue(folder.endsWith(id) && folder.getParent().endsWith(Path.of(".smile", "loops")));
      assertTrue(Files.exists(folder.resolve("smile-report.json")), folder.toString());

      SmileServer.Reply report = server.get("api/loops/" + id + "/report/json");
      assertEquals(200, report.status(), report.body());
      contract.assertAnswers("GET", "/api/loops/{id}/report/{format}", report);
      assertEquals(
          state.getString("loopId"), report.json().getJsonObject("summary").getString("loopId"));
      SmileServer.Reply markdown = server.get("api/loops/" + id + "/report/markdown");
      contract.assertAnswers("GET", "/api/loops/{id}/report/{format}", markdown);
      assertTrue(markdown.body().startsWith("# SMILE"));
    }
    assertEquals(4, loopIds.size(), "one engine, one loop id each");
    assertEquals(4, folders.size());
    assertNotEquals(
        "running_student", server.status().getString("status"), "the single loop is untouched");
  }

  @Test
  void aWebSocketClientCanFollowOneLoop() throws Exception {
    String other = submit(Bodies.GREETER.replace("# Greeter", "# Other"));
    String id = submit(Bodies.GREETER);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonObject entry = server.get("api/loops/" + id).json();
    while (!entry.containsKey("state")) {
      assertTrue(Instant.now().isBefore(deadline), entry.toString());
      SmileServer.sleep(20);
      entry = server.get("api/loops/" + id).json();
    }
    String loopId = entry.getJsonObject("state").getString("loopId");
    try (WsClient client = WsClient.connect(server, "since=0&loop=" + loopId)) {
      JsonObject complete =
          client.await(
              e ->
                  "loop_complete".equals(e.getString("event"))
                      && loopId.equals(e.getString("loopId", "")),
              Duration.ofSeconds(90));
      assertEquals("completed", complete.getJsonObject("payload").getString("status"));
      for (JsonObject event : client.events()) {
        if (event.containsKey("loopId")) {
          assertEquals(loopId, event.getString("loopId"), "only the followed loop: " + event);
        }
      }
    }
    assertTrue(server.get("api/loops/" + other).status() == 200);
  }

  @Test
  void unknownLoopsFinishedStopsAndBadFormatsAreClearErrors() {
    SmileServer.Reply missing = server.get("api/loops/nope");
    assertEquals(404, missing.status());
    assertTrue(missing.error().contains("nope"), missing.body());
    contract.assertAnswers("GET", "/api/loops/{id}", missing);
    SmileServer.Reply mistyped = server.post("api/loops", "{\"tutorialContent\": 5}");
    assertEquals(400, mistyped.status());
    contract.assertAnswers("POST", "/api/loops", mistyped);
    String id = submit(Bodies.GREETER);
    SmileServer.Reply pdf = server.get("api/loops/" + id + "/report/pdf");
    assertEquals(404, pdf.status());
    contract.assertAnswers("GET", "/api/loops/{id}/report/{format}", pdf);
    SmileServer.Reply stopped = server.post("api/loops/" + id + "/stop", "{\"reason\": \"test\"}");
    assertTrue(
        stopped.status() == 200 || stopped.status() == 503,
        "stopped while queued or running (200) or already finished (503): " + stopped.body());
    contract.assertAnswers("POST", "/api/loops/{id}/stop", stopped);
  }
}
