package dev.smileloop.ws.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.ws.entity.Payload;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EnvelopeWriterTest {

  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final Instant AT = Instant.parse("2025-05-01T10:00:00.5Z");
  private final EnvelopeWriter writer = new EnvelopeWriter(JSONB);

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  private static JsonObject envelope(String text, String event, long seq) {
    JsonObject json = FakeSink.parse(text);
    // loopId (additive, issue 12) names the loop of a broadcast event; checked in LoopFilterTest.
    java.util.Set<String> keys = new java.util.HashSet<>(json.keySet());
    keys.remove("loopId");
    assertEquals(Set.of("event", "payload", "seq", "timestamp"), keys);
    assertEquals(event, json.getString("event"));
    assertEquals(seq, json.getJsonNumber("seq").longValue());
    assertEquals("2025-05-01T10:00:00.500000Z", json.getString("timestamp"));
    return json.getJsonObject("payload");
  }

  @Test
  void connectedCarriesTheStateWithWireNamesAndTheSnapshotSeq() {
    JsonObject payload =
        envelope(
            writer.connected(Events.state(LoopStatus.RUNNING_STUDENT, 3), 42, AT), "connected", 42);
    assertEquals(42, payload.getInt("lastSeq"));
    JsonObject state = payload.getJsonObject("state");
    assertEquals("running_student", state.getString("status"));
    assertEquals(3, state.getInt("iteration"));
    assertEquals(
        "install npm first",
        state.getJsonArray("mentorNotes").getJsonObject(0).getString("answer"));
    JsonObject history = state.getJsonArray("history").getJsonObject(0);
    assertEquals("ask_mentor", history.getJsonObject("studentOutput").getString("status"));
    assertEquals(Events.T0, Instant.parse(state.getString("startedAt")));
  }

  @Test
  void connectedBeforeAnyEventShowsIdle() {
    JsonObject payload = envelope(writer.connected(LoopState.idle(AT), 0, AT), "connected", 0);
    assertEquals("idle", payload.getJsonObject("state").getString("status"));
    assertEquals(0, payload.getInt("lastSeq"));
  }

  @Test
  void iterationStartCarriesIterationAndIsoTimestamp() {
    LoopEvent event =
        new LoopEvent.IterationStarted(4, Events.T0, Events.state(LoopStatus.RUNNING_STUDENT, 4));
    JsonObject payload = envelope(writer.event(event, 7, AT), "iteration_start", 7);
    assertEquals(Set.of("iteration", "timestamp"), payload.keySet());
    assertEquals(4, payload.getInt("iteration"));
    assertEquals(Events.T0, Instant.parse(payload.getString("timestamp")));
  }

  @Test
  void studentOutputIsASummaryWithLowerCaseStatus() {
    StudentOutput output =
        StudentOutput.of(
            StudentStatus.CANNOT_COMPLETE, "Deploy", "no cluster", null, "no cluster", "stuck");
    LoopEvent event =
        new LoopEvent.StudentReported(output, Events.state(LoopStatus.RUNNING_STUDENT, 2));
    JsonObject payload = envelope(writer.event(event, 8, AT), "student_output", 8);
    assertEquals(Set.of("status", "summary", "currentStep"), payload.keySet());
    assertEquals("cannot_complete", payload.getString("status"));
    assertEquals("stuck", payload.getString("summary"));
    assertEquals("Deploy", payload.getString("currentStep"));
  }

  @Test
  void mentorOutputCarriesTheNotes() {
    LoopEvent event =
        new LoopEvent.MentorAnswered(
            "run npm install first", Events.state(LoopStatus.RUNNING_MENTOR, 2));
    JsonObject payload = envelope(writer.event(event, 9, AT), "mentor_output", 9);
    assertEquals(Set.of("notes"), payload.keySet());
    assertEquals("run npm install first", payload.getString("notes"));
  }

  @Test
  void loopCompleteCarriesTerminalStatusSummaryAndIterations() {
    LoopEvent event =
        new LoopEvent.LoopCompleted(
            LoopStatus.MAX_ITERATIONS, "gave up", 10, Events.state(LoopStatus.MAX_ITERATIONS, 10));
    JsonObject payload = envelope(writer.event(event, 10, AT), "loop_complete", 10);
    assertEquals("max_iterations", payload.getString("status"));
    assertEquals("gave up", payload.getString("summary"));
    assertEquals(10, payload.getInt("iterations"));
  }

  @Test
  void errorCarriesOnlyTheMessage() {
    LoopEvent event =
        new LoopEvent.LoopError("sandbox unavailable", Events.state(LoopStatus.ERROR, 1));
    JsonObject payload = envelope(writer.event(event, 11, AT), "error", 11);
    assertEquals(Set.of("message"), payload.keySet());
    assertEquals("sandbox unavailable", payload.getString("message"));
  }

  @Test
  void studentProgressFlattensTheCommand() {
    CommandRecord command =
        new CommandRecord("npm test", 42, "Run the tests", 1, "1 failing", 1500, false, true);
    LoopEvent event =
        new LoopEvent.StudentProgress(3, command, Events.state(LoopStatus.RUNNING_STUDENT, 3));
    JsonObject payload = envelope(writer.event(event, 12, AT), "student_progress", 12);
    assertEquals(
        Set.of(
            "iteration",
            "step",
            "line",
            "command",
            "exitCode",
            "durationMillis",
            "timedOut",
            "fromMentor",
            "outputExcerpt"),
        payload.keySet());
    assertEquals("1 failing", payload.getString("outputExcerpt"));
    assertEquals(3, payload.getInt("iteration"));
    assertEquals("Run the tests", payload.getString("step"));
    assertEquals(42, payload.getInt("line"));
    assertEquals("npm test", payload.getString("command"));
    assertEquals(1, payload.getInt("exitCode"));
    assertEquals(1500, payload.getJsonNumber("durationMillis").longValue());
    assertFalse(payload.getBoolean("timedOut"));
    assertTrue(payload.getBoolean("fromMentor"));
  }

  @Test
  void noticeLeavesOutFieldsItDoesNotUse() {
    Payload.ErrorMessage notice = new Payload.ErrorMessage("gone", Payload.REPLAY_GAP, 6L, null);
    JsonObject payload = envelope(writer.notice(notice, 10, AT), "error", 10);
    assertEquals(Set.of("message", "code", "firstAvailable"), payload.keySet());
    assertEquals(6, payload.getInt("firstAvailable"));
  }

  @Test
  void timestampHasMicrosecondsInUtc() {
    assertEquals("2025-05-01T09:30:00.000120Z", EnvelopeWriter.timestamp(Events.T0));
    assertEquals(
        "2025-05-01T09:30:00.000000Z",
        EnvelopeWriter.timestamp(Instant.parse("2025-05-01T09:30:00Z")));
  }
}
