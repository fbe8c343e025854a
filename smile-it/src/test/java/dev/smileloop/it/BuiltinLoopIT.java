package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * A real loop with the built-in learner and mentor on Payara Micro: the tutorial's commands run in
 * the bubblewrap sandbox, the Mentor's fix is applied on the second iteration, every step streams
 * on {@code /ws}, and the gap report is served in every format.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BuiltinLoopIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String TUTORIAL = Bodies.GREETER;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  private String start(String tutorial) {
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", tutorial)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("maxIterations", 3)
                    .add(
                        "stateFile",
                        System.getProperty("java.io.tmpdir") + "/smile-builtin-it/state.json")
                    .add("outputDir", System.getProperty("java.io.tmpdir") + "/smile-builtin-it")
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 10)))
            .build()
            .toString();
    SmileServer.Reply reply = server.post("api/loop", body);
    assertEquals(202, reply.status(), reply.body());
    return reply.json().getString("loopId");
  }

  @Test
  void builtinLoopFindsTheGapAppliesTheMentorsFixAndStreamsEveryStep() throws Exception {
    try (WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      start(TUTORIAL);
      JsonObject complete = client.awaitEvent("loop_complete", WAIT);
      assertEquals(
          "completed",
          complete.getJsonObject("payload").getString("status"),
          client.names().toString());
      assertEquals(2, complete.getJsonObject("payload").getInt("iterations"));

      List<String> names =
          client.names().stream().filter(n -> !n.equals("student_progress")).toList();
      assertEquals(
          List.of(
              "connected",
              "iteration_start",
              "student_output",
              "mentor_output",
              "iteration_start",
              "student_output",
              "loop_complete"),
          names);
      JsonObject failed =
          client
              .await(
                  e ->
                      "student_progress".equals(e.getString("event"))
                          && e.getJsonObject("payload").getInt("exitCode") == 126,
                  WAIT)
              .getJsonObject("payload");
      assertEquals(14, failed.getInt("line"));
      assertEquals("./hello.sh SMILE", failed.getString("command"));
      JsonObject fix =
          client
              .await(
                  e ->
                      "student_progress".equals(e.getString("event"))
                          && e.getJsonObject("payload").getBoolean("fromMentor"),
                  WAIT)
              .getJsonObject("payload");
      assertTrue(fix.getString("command").contains("chmod +x"), fix.toString());
      assertEquals(0, fix.getInt("exitCode"));

      JsonObject state = server.status();
      assertEquals("completed", state.getString("status"));
      JsonObject asked =
          state.getJsonArray("history").getJsonObject(0).getJsonObject("studentOutput");
      assertEquals("ask_mentor", asked.getString("status"));
      assertEquals(14, asked.getJsonObject("location").getInt("line"));
      assertTrue(
          state
              .getJsonArray("mentorNotes")
              .getJsonObject(0)
              .getString("answer")
              .contains("chmod +x ./hello.sh"));
    }
  }

  @Test
  void everyReportFormatIsServedWithTheGapOnItsLine() throws Exception {
    try (WsClient client = WsClient.connect(server)) {
      start(TUTORIAL);
      client.awaitEvent("loop_complete", WAIT);
    }
    server.stopAnyLoop();

    SmileServer.Reply json = server.get("api/report/json");
    assertEquals(200, json.status());
    assertTrue(json.contentType().startsWith("application/json"), json.contentType());
    JsonObject gap = json.json().getJsonArray("gaps").getJsonObject(0);
    assertEquals(14, gap.getJsonObject("location").getInt("line"));
    assertEquals("./hello.sh SMILE", gap.getJsonObject("location").getString("quote"));
    assertTrue(gap.toString().contains("chmod +x ./hello.sh"), gap.toString());

    SmileServer.Reply markdown = server.get("api/report/markdown");
    assertEquals(200, markdown.status());
    assertTrue(markdown.contentType().startsWith("text/markdown"));
    assertTrue(markdown.body().contains("line 14"), markdown.body());

    SmileServer.Reply sarif = server.get("api/report/sarif");
    assertEquals(200, sarif.status());
    JsonObject result =
        Json.createReader(new StringReader(sarif.body()))
            .readObject()
            .getJsonArray("runs")
            .getJsonObject(0)
            .getJsonArray("results")
            .getJsonObject(0);
    assertEquals(
        14,
        result
            .getJsonArray("locations")
            .getJsonObject(0)
            .getJsonObject("physicalLocation")
            .getJsonObject("region")
            .getInt("startLine"));

    SmileServer.Reply junit = server.get("api/report/junit");
    assertEquals(200, junit.status());
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(junit.body())));
    assertTrue(xml.getElementsByTagName("testcase").getLength() >= 2);

    SmileServer.Reply audit = server.get("api/report/audit");
    assertEquals(200, audit.status());
    assertTrue(audit.body().contains("hello.sh"), audit.body());

    assertEquals(404, server.get("api/report/pdf").status());
  }
}
