package dev.smileloop.loop.entity;

import dev.smileloop.agent.entity.MentorNote;
import java.time.Instant;
import java.util.List;

/**
 * The wire {@code LoopState} (SPEC section 5), an immutable snapshot. Beyond the contract it
 * carries the loop's id, its tutorial, the iteration budget, once terminal the reason, and once the
 * reports are written where they went ({@code reports}: a folder, or {@code stdout} when the files
 * could not be written).
 */
public record LoopState(
    String loopId,
    LoopStatus status,
    int iteration,
    int maxIterations,
    String tutorial,
    List<MentorNote> mentorNotes,
    List<IterationRecord> history,
    Instant startedAt,
    Instant updatedAt,
    String reason,
    String reports) {

  public LoopState {
    mentorNotes = List.copyOf(mentorNotes == null ? List.of() : mentorNotes);
    history = List.copyOf(history == null ? List.of() : history);
  }

  public static LoopState idle(Instant now) {
    return new LoopState(
        null, LoopStatus.IDLE, 0, 0, null, List.of(), List.of(), null, now, null, null);
  }
}
