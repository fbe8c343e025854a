package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
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
 * The server as the original SMILE's Python wrappers meet it: camelCase envelopes, snake_case
 * Student outputs with an explicit null for every absent field, timestamps with microseconds and an
 * offset; and the three answers where this server once differed from the original.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WrapperParityIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  /** What {@code StudentOutput.model_dump_json()} of the wrappers sends. */
  private static String wrapperReport(String status, String problem, String question) {
    var output =
        Json.createObjectBuilder()
            .add("status", status)
            .add("current_step", "Step 2: Read it")
            .add("attempted_actions", Json.createArrayBuilder().add("cat greet.txt"))
            .add("summary", "tried step 2")
            .add("files_created", JsonValue.EMPTY_JSON_ARRAY)
            .add("commands_run", Json.createArrayBuilder().add("cat greet.txt"));
    if (problem == null) {
      output.addNull("problem");
    } else {
      output.add("problem", problem);
    }
    if (question == null) {
      output.addNull("question_for_mentor");
    } else {
      output.add("question_for_mentor", question);
    }
    output.addNull("reason");
    return Json.createObjectBuilder()
        .add("studentOutput", output)
        .add("timestamp", "2026-11-26T12:00:00.123456+00:00")
        .build()
        .toString();
  }

  private void start(int maxIterations) {
    SmileServer.Reply started =
        server.post(
            "api/loop",
            Bodies.externalLoop(
                Json.createObjectBuilder().add("maxIterations", maxIterations).build()));
    assertEquals(202, started.status(), started.body());
  }

  @Test
  void theStudentsReportOnTheLastIterationIsAnsweredWithTheEndOfTheLoop() {
    try (WsClient events = WsClient.connect(server)) {
      start(1);
      SmileServer.Reply reply =
          server.post("api/student/result", wrapperReport("ask_mentor", "no file", "Where?"));
      assertEquals(200, reply.status(), reply.body());
      assertEquals("stop", reply.json().getString("nextAction"));
      JsonObject complete = events.awaitEvent("loop_complete", WAIT);
      assertEquals("max_iterations", complete.getJsonObject("payload").getString("status"));
      assertEquals("max_iterations", server.status().getString("status"));
      assertTrue(server.status().getJsonArray("mentorNotes").isEmpty());
    }
  }

  @Test
  void everyMentorNoteInTheStatusHasALocation() {
    start(3);
    server.post("api/student/result", wrapperReport("ask_mentor", "no file", "Where?"));
    server.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
    JsonObject note = server.status().getJsonArray("mentorNotes").getJsonObject(0);
    assertTrue(note.containsKey("location"), note.toString());
    JsonObject location = note.getJsonObject("location");
    assertEquals(0, location.getInt("line"), "the wrapper named no line: " + location);
    assertEquals("Step 2: Read it", location.getString("heading"));
  }

  @Test
  void theGapKindOfAWrappersReportComesFromWhatItReportedNotItsWording() {
    List<String> kinds = new ArrayList<>();
    for (String problem :
        List.of("cat: greet.txt: command not found", "greet.txt is missing", "It did not work")) {
      server.stopAnyLoop();
      try (WsClient events = WsClient.connect(server)) {
        start(1);
        server.post("api/student/result", wrapperReport("ask_mentor", problem, "Why?"));
        events.awaitEvent("loop_complete", WAIT);
      }
      JsonObject gap = server.get("api/report/json").json().getJsonArray("gaps").getJsonObject(0);
      kinds.add(gap.getString("kind") + "/" + gap.getString("severity"));
    }
    assertEquals(
        List.of("command_failure/major", "command_failure/major", "command_failure/major"), kinds);
  }
}
