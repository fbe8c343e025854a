package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
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
 * The REST contract of SPEC section 5 and the events each call causes, against the real WAR on
 * Payara Micro, with agents that report over HTTP as external wrappers do.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoopContractIT {

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

  @Test
  void connectedEventComesFirstWithTheCurrentState() {
    try (WsClient client = WsClient.connect(server)) {
      JsonObject first = client.await(e -> true, WAIT);
      assertEquals("connected", first.getString("event"));
      JsonObject state = first.getJsonObject("payload").getJsonObject("state");
      assertEquals(server.status().getString("status"), state.getString("status"));
    }
  }

  @Test
  void wholeLoopDrivenByCallbacksReachesEveryClientInOrder() {
    try (WsClient a = WsClient.connect(server);
        WsClient b = WsClient.connect(server)) {
      a.awaitEvent("connected", WAIT);
      b.awaitEvent("connected", WAIT);
      SmileServer.Reply started = server.post("api/loop", Bodies.externalLoop());
      assertEquals(202, started.status(), started.body());
      assertEquals("starting", started.json().getString("status"));

      SmileServer.Reply asked =
          server.post("api/student/result", Bodies.askMentor("Where does greet.txt come from?"));
      assertEquals(200, asked.status(), asked.body());
      assertEquals(true, asked.json().getBoolean("acknowledged"));
      assertEquals("continue", asked.json().getString("nextAction"));

      SmileServer.Reply mentored =
          server.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
      assertEquals(200, mentored.status(), mentored.body());
      assertEquals("continue", mentored.json().getString("nextAction"));

      SmileServer.Reply done = server.post("api/student/result", Bodies.completed());
      assertEquals(200, done.status(), done.body());
      assertEquals("stop", done.json().getString("nextAction"));

      JsonObject complete = a.awaitEvent("loop_complete", WAIT);
      assertEquals("completed", complete.getJsonObject("payload").getString("status"));
      assertEquals(2, complete.getJsonObject("payload").getInt("iterations"));
      b.awaitEvent("loop_complete", WAIT);

      List<String> expected =
          List.of(
              "connected",
              "iteration_start",
              "student_output",
              "mentor_output",
              "iteration_start",
              "student_output",
              "loop_complete");
      assertEquals(expected, a.names());
      assertEquals(expected, b.names());
      assertEquals("ask_mentor", a.events().get(2).getJsonObject("payload").getString("status"));
      assertEquals(
          "Run step 1 first.", a.events().get(3).getJsonObject("payload").getString("notes"));
      assertSequenceIncreases(a.events());

      JsonObject state = server.status();
      assertEquals("completed", state.getString("status"));
      assertEquals(2, state.getJsonArray("history").size());
      JsonObject note = state.getJsonArray("mentorNotes").getJsonObject(0);
      assertEquals(1, note.getInt("iteration"));
      assertEquals("Where does greet.txt come from?", note.getString("question"));
      assertEquals("Run step 1 first.", note.getString("answer"));
    }
  }

  @Test
  void aQuestionOnTheLastIterationEndsTheLoopAsMaxIterations() {
    try (WsClient client = WsClient.connect(server)) {
      start(Json.createObjectBuilder().add("maxIterations", 2).build());
      server.post("api/student/result", Bodies.askMentor("q1"));
      assertEquals(
          "continue",
          server.post("api/mentor/result", Bodies.mentor("n1")).json().getString("nextAction"));
      // As the original answers: the last iteration's question is not passed to a Mentor.
      assertEquals(
          "stop",
          server.post("api/student/result", Bodies.askMentor("q2")).json().getString("nextAction"));
      JsonObject complete = client.awaitEvent("loop_complete", WAIT);
      assertEquals("max_iterations", complete.getJsonObject("payload").getString("status"));
      assertEquals(1, server.status().getJsonArray("mentorNotes").size());
      assertEquals(503, server.post("api/mentor/result", Bodies.mentor("n2")).status());
    }
  }

  @Test
  void cannotCompleteEndsTheLoopAsBlocker() {
    try (WsClient client = WsClient.connect(server)) {
      start(JsonObject.EMPTY_JSON_OBJECT);
      SmileServer.Reply reply =
          server.post("api/student/result", Bodies.cannotComplete("the tutorial needs a GPU"));
      assertEquals("stop", reply.json().getString("nextAction"));
      JsonObject complete = client.awaitEvent("loop_complete", WAIT);
      assertEquals("blocker", complete.getJsonObject("payload").getString("status"));
      assertTrue(
          complete
              .getJsonObject("payload")
              .getString("summary")
              .contains("the tutorial needs a GPU"));
    }
  }

  @Test
  void unresolvableMentorAnswerEndsTheLoopAsBlocker() {
    try (WsClient client = WsClient.connect(server)) {
      start(JsonObject.EMPTY_JSON_OBJECT);
      server.post("api/student/result", Bodies.askMentor("q"));
      String body =
          Json.createObjectBuilder()
              .add("mentorOutput", "No way around this.")
              .add("unresolvable", true)
              .build()
              .toString();
      assertEquals("stop", server.post("api/mentor/result", body).json().getString("nextAction"));
      assertEquals(
          "blocker",
          client.awaitEvent("loop_complete", WAIT).getJsonObject("payload").getString("status"));
    }
  }

  @Test
  void globalTimeoutEndsTheLoopWithAnErrorEventThenLoopComplete() {
    try (WsClient client = WsClient.connect(server)) {
      start(Json.createObjectBuilder().add("timeout", 1).build());
      JsonObject complete = client.awaitEvent("loop_complete", WAIT);
      assertEquals("timeout", complete.getJsonObject("payload").getString("status"));
      JsonObject error = client.awaitEvent("error", WAIT);
      assertTrue(
          error.getJsonObject("payload").getString("message").contains("timeout of 1 s"),
          error.toString());
      assertTrue(client.names().indexOf("error") < client.names().indexOf("loop_complete"));
    }
  }

  @Test
  void agentThatNeverReportsIsAStepTimeout() {
    try (WsClient client = WsClient.connect(server)) {
      start(
          Json.createObjectBuilder()
              .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 1))
              .build());
      JsonObject complete = client.awaitEvent("loop_complete", WAIT);
      assertEquals("timeout", complete.getJsonObject("payload").getString("status"));
      assertTrue(
          complete
              .getJsonObject("payload")
              .getString("summary")
              .contains("did not report within 1 s"));
    }
  }

  @Test
  void stopEndsTheLoopAndReturnsTheFinalState() {
    try (WsClient client = WsClient.connect(server)) {
      start(JsonObject.EMPTY_JSON_OBJECT);
      SmileServer.Reply stopped = server.post("api/stop", "{\"reason\": \"enough\"}");
      assertEquals(200, stopped.status(), stopped.body());
      assertEquals(true, stopped.json().getBoolean("stopped"));
      assertEquals("stopped", stopped.json().getJsonObject("finalState").getString("status"));
      assertEquals(
          "stopped",
          client.awaitEvent("loop_complete", WAIT).getJsonObject("payload").getString("status"));
      SmileServer.Reply again = server.post("api/stop", "{}");
      assertEquals(503, again.status());
      assertTrue(again.error().contains("no loop is running"));
    }
  }

  @Test
  void secondLoopIsRefusedWhileOneRuns() {
    start(JsonObject.EMPTY_JSON_OBJECT);
    SmileServer.Reply second = server.post("api/loop", Bodies.externalLoop());
    assertEquals(409, second.status());
    assertTrue(second.error().contains("already running"), second.body());
  }

  @Test
  void malformedJsonAndWrongTypesAreBadRequestsThatSayWhatIsWrong() {
    SmileServer.Reply empty = server.post("api/loop", "");
    assertEquals(400, empty.status(), empty.body());
    assertTrue(empty.error().contains("the request body is empty"), empty.body());
    SmileServer.Reply noBodyNoLoop = server.post("api/stop", "");
    assertEquals(503, noBodyNoLoop.status(), noBodyNoLoop.body());

    SmileServer.Reply malformed = server.post("api/loop", "{\"tutorialContent\": ");
    assertEquals(400, malformed.status());
    assertTrue(malformed.error().contains("not valid JSON"), malformed.body());
    assertTrue(malformed.error().contains("at line 1, column"), malformed.body());

    SmileServer.Reply wrongType = server.post("api/loop", "{\"tutorialContent\": 5}");
    assertEquals(400, wrongType.status());
    assertTrue(wrongType.error().contains("tutorialContent must be a string"), wrongType.body());
    SmileServer.Reply notABoolean = server.post("api/loop", "{\"resume\": \"yes\"}");
    assertEquals(400, notABoolean.status(), notABoolean.body());
    assertTrue(notABoolean.error().contains("resume must be true or false"), notABoolean.body());
    SmileServer.Reply both =
        server.post("api/loop", "{\"tutorialContent\": \"# T\", \"tutorialPath\": \"t.md\"}");
    assertEquals(400, both.status(), both.body());
    assertTrue(both.error().contains("either tutorialContent or tutorialPath"), both.body());

    SmileServer.Reply badConfig =
        server.post(
            "api/loop", "{\"tutorialContent\": \"# T\", \"config\": {\"maxIterations\": \"ten\"}}");
    assertEquals(400, badConfig.status());
    assertTrue(badConfig.error().contains("maxIterations"), badConfig.body());

    start(JsonObject.EMPTY_JSON_OBJECT);
    SmileServer.Reply noStatus =
        server.post("api/student/result", "{\"studentOutput\": {\"summary\": \"x\"}}");
    assertEquals(400, noStatus.status());
    assertTrue(noStatus.error().contains("status"), noStatus.body());
    SmileServer.Reply noNotes = server.post("api/mentor/result", "{\"mentorOutput\": 3}");
    assertEquals(400, noNotes.status());
    assertTrue(noNotes.error().contains("mentorOutput must be a string"), noNotes.body());
    SmileServer.Reply badTime =
        server.post("api/mentor/result", "{\"mentorOutput\": \"n\", \"timestamp\": \"noon\"}");
    assertEquals(400, badTime.status(), badTime.body());
    assertTrue(badTime.error().contains("timestamp must be an ISO-8601"), badTime.body());
  }

  @Test
  void callbacksInTheWrongStateAreRefusedWith503() {
    SmileServer.Reply idle = server.post("api/student/result", Bodies.completed());
    assertEquals(503, idle.status());

    start(JsonObject.EMPTY_JSON_OBJECT);
    SmileServer.Reply mentorTooSoon = server.post("api/mentor/result", Bodies.mentor("notes"));
    assertEquals(503, mentorTooSoon.status());
    assertTrue(mentorTooSoon.error().contains("not waiting for a mentor"), mentorTooSoon.body());

    server.post("api/student/result", Bodies.askMentor("q"));
    SmileServer.Reply studentWhileMentorRuns =
        server.post("api/student/result", Bodies.completed());
    assertEquals(503, studentWhileMentorRuns.status());
  }

  @Test
  void callbackArrivingBeforeTheWaitingStateIsAccepted() {
    SmileServer.Reply started = server.post("api/loop", Bodies.externalLoop());
    assertEquals(202, started.status());
    // No wait: the loop thread may not have reached waiting_for_student yet.
    SmileServer.Reply early = server.post("api/student/result", Bodies.completed());
    assertEquals(200, early.status(), early.body());
    assertEquals(
        "completed", server.awaitStatus(s -> !SmileServer.isActive(s), WAIT).getString("status"));
  }

  @Test
  void aClientThatDisconnectsNeverDisturbsTheServer() {
    try (WsClient stays = WsClient.connect(server)) {
      WsClient leaves = WsClient.connect(server);
      leaves.awaitEvent("connected", WAIT);
      leaves.close();
      start(JsonObject.EMPTY_JSON_OBJECT);
      server.post("api/student/result", Bodies.completed());
      assertEquals(
          "completed",
          stays.awaitEvent("loop_complete", WAIT).getJsonObject("payload").getString("status"));
      assertEquals(200, server.get("api/status").status());
    }
  }

  private void start(JsonObject config) {
    SmileServer.Reply started = server.post("api/loop", Bodies.externalLoop(config));
    assertEquals(202, started.status(), started.body());
    server.awaitStatus(s -> s.equals("waiting_for_student"), WAIT);
  }

  static void assertSequenceIncreases(List<JsonObject> events) {
    long previous = -1;
    for (JsonObject event : events.subList(1, events.size())) {
      long seq = event.getJsonNumber("seq").longValue();
      assertTrue(seq > previous, "seq must increase: " + events);
      previous = seq;
    }
  }
}
