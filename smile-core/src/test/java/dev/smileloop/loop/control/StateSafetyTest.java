package dev.smileloop.loop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.problem.SmileException;
import dev.smileloop.secret.SecretRedactor;
import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file is SMILE's own, and the state leaves the server masked. */
class StateSafetyTest {

  @TempDir Path temp;

  private static final String SECRET = "ghp_" + "Zq8Xw7Vu6Ts5Rq4Po3Nm2Lk1Ji0HgFeDcBa";

  private static LoopState stateWithNote(String answer) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new LoopState(
        "loop-1",
        LoopStatus.RUNNING_STUDENT,
        2,
        5,
        "tutorial.md",
        List.of(new MentorNote(1, "Which key?", answer, t, null)),
        List.of(),
        t,
        t,
        null,
        null);
  }

  @Test
  void aFileThatIsNotAStateFileIsNeitherLockedForWritingNorRemoved() throws Exception {
    Path precious = Files.writeString(temp.resolve("precious.json"), "{\"mine\": true}");
    SmileException refused = assertThrows(SmileException.class, () -> StateStore.acquire(precious));
    assertEquals(SmileException.Kind.INVALID_INPUT, refused.kind());
    assertFalse(refused.getMessage().contains("mine"));
    assertEquals("{\"mine\": true}", Files.readString(precious));
  }

  @Test
  void aStateFileSmileWroteIsRecognisedAndRemovedOnlyWhileItIsOne() throws Exception {
    Path file = temp.resolve("state.json");
    try (StateStore store = StateStore.acquire(file)) {
      store.save(
          new PersistedLoop(
                  dev.smileloop.config.entity.SmileConfig.defaults(temp),
                  dev.smileloop.tutorial.control.TutorialLoader.fromContent("# T\n", "inline"),
                  stateWithNote("n"))
              .toJson());
      assertTrue(StateStore.isStateFile(file));
      Files.writeString(file, "replaced by someone else");
      store.delete();
      assertTrue(Files.exists(file), "a file that is no longer SMILE's is left alone");
    }
  }

  @Test
  void theFullStateIsMaskedAndTheReducedOneHasNoNotes() {
    StateMasking masking = new StateMasking(JsonbBuilder.create(), new SecretRedactor(Map.of()));
    LoopState state = stateWithNote("use GITHUB_TOKEN=" + SECRET);
    JsonObject full = masking.full(state);
    assertFalse(full.toString().contains(SECRET), full.toString());
    assertTrue(full.toString().contains("[REDACTED]"), full.toString());
    assertEquals(
        "Which key?", full.getJsonArray("mentorNotes").getJsonObject(0).getString("question"));
    JsonObject reduced = masking.reduced(state);
    assertEquals("running_student", reduced.getString("status"));
    assertEquals(2, reduced.getInt("iteration"));
    assertFalse(reduced.containsKey("mentorNotes"));
    assertFalse(reduced.containsKey("tutorial"));
  }
}
