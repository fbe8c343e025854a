package dev.smileloop.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCacheTest {

  private static LoopState state(int iteration, String mentorOutput) {
    Instant at = Instant.parse("2026-12-03T10:00:00Z");
    return new LoopState(
        "loop-1",
        LoopStatus.RUNNING_STUDENT,
        iteration,
        5,
        "tutorial.md",
        List.of(),
        List.of(new IterationRecord(1, null, mentorOutput, at, at)),
        at,
        at,
        null,
        null);
  }

  @Test
  void theSameStateIsEncodedOnceAndANewStateAgain() {
    StatusCache cache = new StatusCache();
    LoopState first = state(1, "chmod it first");
    String encoded = cache.full(first);
    assertSame(encoded, cache.full(first), "the same state reuses its JSON");
    assertTrue(encoded.contains("chmod it first"), encoded);

    LoopState next = state(2, "now run it");
    String again = cache.full(next);
    assertNotSame(encoded, again);
    assertTrue(again.contains("now run it") && again.contains("\"iteration\":2"), again);
  }

  @Test
  void theReducedFormStaysWithoutHistoryWhileTheFullOneIsCached() {
    StatusCache cache = new StatusCache();
    LoopState state = state(1, "a note only the token holder may read");
    String full = cache.full(state);
    String reduced = cache.reduced(state);
    assertTrue(full.contains("history"), full);
    assertFalse(reduced.contains("history") || reduced.contains("a note"), reduced);
    assertSame(reduced, cache.reduced(state));
    assertSame(full, cache.full(state));
  }

  @Test
  void aStateBuiltFromKeptRecordsEncodesExactlyAsTheWholeStateWould() {
    StatusCache cache = new StatusCache();
    Instant at = Instant.parse("2026-12-03T10:00:00Z");
    var first = new IterationRecord(1, null, "export API_KEY=sk-abcdefghijklmnopqrstuvwx", at, at);
    var note = new dev.smileloop.agent.entity.MentorNote(1, "where?", "in step 2", at, null);
    LoopState one =
        new LoopState(
            "loop-9",
            LoopStatus.RUNNING_STUDENT,
            1,
            5,
            "t.md",
            List.of(note),
            List.of(first),
            at,
            at,
            null,
            null);
    assertEquals(cache.masking().full(one).toString(), cache.full(one));
    LoopState two =
        new LoopState(
            "loop-9",
            LoopStatus.COMPLETED,
            2,
            5,
            "t.md",
            List.of(note),
            List.of(first, new IterationRecord(2, null, null, at, at)),
            at,
            at,
            "done",
            "/r");
    assertEquals(cache.masking().full(two).toString(), cache.full(two));
    assertFalse(cache.full(two).contains("sk-abcdefghijklmnopqrstuvwx"), "secrets stay masked");
  }
}
