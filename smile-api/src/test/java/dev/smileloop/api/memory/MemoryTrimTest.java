package dev.smileloop.api.memory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.api.memory.MemoryTrim.Activity;
import dev.smileloop.loop.entity.LoopState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryTrimTest {

  private static final LoopState IDLE = LoopState.idle(Instant.parse("2026-12-04T10:00:00Z"));

  private final MemoryTrim trim = new MemoryTrim();

  @Test
  void trimsOnceWhenTheServerGoesQuietAfterWork() {
    assertFalse(trim.quietAfterWork(new Activity(0, 0, IDLE), false), "first look: changed");
    assertFalse(trim.quietAfterWork(new Activity(300, 1000, IDLE), false), "clients came");
    assertFalse(trim.quietAfterWork(new Activity(600, 0, IDLE), false), "and left");
    assertTrue(trim.quietAfterWork(new Activity(600, 0, IDLE), false), "quiet after work");
    assertFalse(trim.quietAfterWork(new Activity(600, 0, IDLE), false), "only once");
  }

  @Test
  void neverTrimsWhileALoopRunsOrWhenNothingHappened() {
    trim.quietAfterWork(new Activity(0, 0, IDLE), false);
    assertFalse(trim.quietAfterWork(new Activity(0, 0, IDLE), false), "nothing happened yet");
    trim.quietAfterWork(new Activity(5, 1, IDLE), true);
    assertFalse(trim.quietAfterWork(new Activity(5, 1, IDLE), true), "a loop is running");
    assertTrue(trim.quietAfterWork(new Activity(5, 1, IDLE), false), "the loop ended, quiet");
  }
}
