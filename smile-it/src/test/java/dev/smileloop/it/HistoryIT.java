package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The run history on the real WAR: two runs of one tutorial file, the second after the author fixed
 * one of its two gaps (adding lines, so the other gap moves down); the second report says exactly
 * that, and {@code GET /api/runs} lists, filters and pages both runs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HistoryIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Two gaps: the script is never made executable, and the stated output is wrong. */
  private static final String BROKEN =
      String.join(
          "\n",
          "# Greeter",
          "",
          "## Step 1: Write the script",
          "",
          "Save the following as `hello.sh`:",
          "",
          "```bash",
          "#!/usr/bin/env bash",
          "echo \"Hello, $1\"",
          "```",
          "",
          "## Step 2: Run it",
          "",
          "```bash",
          "./hello.sh SMILE",
          "```",
          "",
          "It prints `Hello, world`.",
          "");

  private static final String EXECUTABLE_FIXED =
      BROKEN.replace(
          "## Step 2: Run it",
          "Make it executable:\n\n```bash\nchmod +x hello.sh\n```\n\n## Step 2: Run it");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;
  private Contract contract;
  private Path folder;

  @BeforeEach
  void quietServer() throws Exception {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    server.stopAnyLoop();
    contract = Contract.of(server);
    folder =
        Files.createTempDirectory(
            Path.of(System.getProperty("java.io.tmpdir")), "history-it-" + System.nanoTime());
  }

  private JsonObject run(String markdown, String name) throws Exception {
    Path tutorial = Files.writeString(folder.resolve("greeter.md"), markdown);
    String body =
        Json.createObjectBuilder()
            .add("tutorialPath", tutorial.toString())
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("maxIterations", 3)
                    .add("stateFile", folder.resolve(name + "/state.json").toString())
                    .add("outputDir", folder.resolve(name).toString())
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 10)))
            .build()
            .toString();
    SmileServer.Reply started = server.post("api/loop", body);
    assertEquals(202, started.status(), started.body());
    server.awaitStatus(s -> !SmileServer.isActive(s), WAIT);
    server.stopAnyLoop(); // waits until the reports are written
    String json = Files.readString(folder.resolve(name + "/smile-report.json"));
    return Json.createReader(new java.io.StringReader(json)).readObject();
  }

  @Test
  void aFixedGapIsReportedFixedTheOtherStillThereAndTheRunsAreListed() throws Exception {
    JsonObject first = run(BROKEN, "first");
    JsonArray firstGaps = first.getJsonArray("gaps");
    assertEquals(2, firstGaps.size(), first.toString());
    JsonObject firstSince = first.getJsonObject("summary").getJsonObject("sinceLastRun");
    assertEquals(JsonValue.NULL, firstSince.get("previousRunId"), "a first run");
    assertTrue(
        firstGaps.stream().allMatch(g -> "new".equals(g.asJsonObject().getString("sinceLastRun"))));

    JsonObject second = run(EXECUTABLE_FIXED, "second");
    JsonArray secondGaps = second.getJsonArray("gaps");
    assertEquals(1, secondGaps.size(), second.toString());
    assertEquals("still_there", secondGaps.getJsonObject(0).getString("sinceLastRun"));
    JsonObject since = second.getJsonObject("summary").getJsonObject("sinceLastRun");
    assertEquals(0, since.getInt("new"));
    assertEquals(1, since.getInt("stillThere"));
    JsonArray fixed = since.getJsonArray("fixed");
    assertEquals(1, fixed.size(), since.toString());
    assertEquals("./hello.sh SMILE", fixed.getJsonObject(0).getString("quote"));
    String markdown = Files.readString(folder.resolve("second/smile-report.md"));
    assertTrue(markdown.contains("0 new, 1 still there, 1 fixed"), markdown);

    String tutorial = folder.getFileName().toString();
    SmileServer.Reply list = server.get("api/runs?tutorial=" + tutorial);
    assertEquals(200, list.status(), list.body());
    contract.assertAnswers("GET", "/api/runs", list);
    JsonObject page = list.json();
    assertEquals(2, page.getInt("total"));
    JsonArray items = page.getJsonArray("items");
    long secondId = items.getJsonObject(0).getJsonNumber("id").longValue();
    long firstId = items.getJsonObject(1).getJsonNumber("id").longValue();
    assertEquals(firstId, items.getJsonObject(0).getJsonNumber("previousRunId").longValue());
    assertEquals(1, items.getJsonObject(0).getInt("gapsFixed"));

    SmileServer.Reply secondPage = server.get("api/runs?tutorial=" + tutorial + "&size=1&page=2");
    contract.assertAnswers("GET", "/api/runs", secondPage);
    JsonObject paged = secondPage.json();
    assertEquals(2, paged.getInt("total"));
    assertEquals(
        List.of(firstId),
        paged.getJsonArray("items").stream()
            .map(i -> i.asJsonObject().getJsonNumber("id").longValue())
            .toList());
    assertEquals(
        0, server.get("api/runs?tutorial=" + tutorial + "&outcome=blocker").json().getInt("total"));
    assertEquals(
        0, server.get("api/runs?tutorial=" + tutorial + "&to=2000-01-01").json().getInt("total"));

    SmileServer.Reply run = server.get("api/runs/" + secondId);
    assertEquals(200, run.status(), run.body());
    contract.assertAnswers("GET", "/api/runs/{id}", run);
    JsonObject detail = run.json();
    assertEquals(
        List.of("still_there", "fixed"),
        detail.getJsonArray("gaps").stream()
            .map(g -> g.asJsonObject().getString("sinceLastRun"))
            .toList());
    assertEquals(3, detail.getJsonObject("config").getInt("maxIterations"));
    assertEquals(
        second.getJsonObject("summary").getString("loopId"),
        detail.getJsonObject("report").getJsonObject("summary").getString("loopId"));
    assertFalse(detail.getJsonObject("run").getString("contentSha256").isEmpty());
  }

  @Test
  void badQueriesAndUnknownRunsAnswerWithAClearError() {
    SmileServer.Reply size = server.get("api/runs?size=0");
    assertEquals(400, size.status());
    assertTrue(size.error().contains("size"), size.body());
    SmileServer.Reply outcome = server.get("api/runs?outcome=great");
    assertEquals(400, outcome.status());
    assertTrue(outcome.error().contains("outcome"), outcome.body());
    SmileServer.Reply date = server.get("api/runs?from=yesterday");
    assertEquals(400, date.status());
    assertTrue(date.error().contains("from"), date.body());
    SmileServer.Reply missing = server.get("api/runs/987654321");
    assertEquals(404, missing.status());
    assertTrue(missing.error().contains("987654321"), missing.body());
    SmileServer.Reply notANumber = server.get("api/runs/abc");
    assertEquals(400, notANumber.status());
    for (SmileServer.Reply error : List.of(size, outcome, date)) {
      contract.assertAnswers("GET", "/api/runs", error);
    }
    contract.assertAnswers("GET", "/api/runs/{id}", missing);
    contract.assertAnswers("GET", "/api/runs/{id}", notANumber);
  }
}
