package dev.smileloop.loop.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shape of LoopState (SPEC section 5) as JSON-B writes it. */
class LoopStateJsonTest {

  private final Jsonb jsonb = JsonbBuilder.create();

  @Test
  void statusesAreLowerCaseWireNamesAndTimestampsIso8601() {
    Instant at = Instant.parse("2026-11-26T12:00:00Z");
    StudentOutput asked =
        StudentOutput.of(StudentStatus.ASK_MENTOR, "Step 2", "exit 127", "How?", null, "stuck");
    LoopState state =
        new LoopState(
            "l1",
            LoopStatus.RUNNING_STUDENT,
            2,
            10,
            "t.md",
            List.of(new MentorNote(1, "How?", "Install it.", at, null)),
            List.of(new IterationRecord(1, asked, null, at, at)),
            at,
            at,
            null,
            null);
    JsonObject json = Json.createReader(new StringReader(jsonb.toJson(state))).readObject();

    assertEquals("running_student", json.getString("status"));
    assertEquals("2026-11-26T12:00:00Z", json.getString("startedAt"));
    JsonObject record = json.getJsonArray("history").getJsonObject(0);
    assertEquals("ask_mentor", record.getJsonObject("studentOutput").getString("status"));
    assertTrue(
        record.containsKey("mentorOutput") && record.isNull("mentorOutput"), record.toString());
    assertEquals(
        state,
        jsonb.fromJson(jsonb.toJson(state), LoopState.class),
        "round-trips for the state file");
  }
}
