package dev.smileloop.ws.control;

import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import java.time.Instant;
import java.util.List;

/** Loop states and events for the tests. */
final class Events {

  static final Instant T0 = Instant.parse("2025-05-01T09:30:00.000120Z");

  private Events() {}

  static LoopState state(LoopStatus status, int iteration) {
    StudentOutput asked =
        StudentOutput.of(StudentStatus.ASK_MENTOR, "Install", "no npm", "how?", null, "tried");
    return new LoopState(
        "loop-1",
        status,
        iteration,
        10,
        "tutorial.md",
        List.of(new MentorNote(1, "how?", "install npm first", T0, null)),
        List.of(new IterationRecord(1, asked, "install npm first", T0, T0.plusSeconds(5))),
        T0,
        T0.plusSeconds(6),
        null,
        null);
  }

  /** An event whose payload and state both carry {@code iteration}, to tie frames to states. */
  static LoopEvent iteration(int iteration) {
    return new LoopEvent.IterationStarted(
        iteration, T0.plusSeconds(iteration), state(LoopStatus.RUNNING_STUDENT, iteration));
  }
}
