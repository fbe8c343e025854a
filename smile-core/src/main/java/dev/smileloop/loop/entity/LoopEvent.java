package dev.smileloop.loop.entity;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import java.time.Instant;

/**
 * A state transition of the loop, fired as a CDI event. Every event carries the state right after
 * its transition, so an observer can show a consistent snapshot without calling back into the loop.
 */
public sealed interface LoopEvent {

  LoopState state();

  /** An iteration began. */
  record IterationStarted(int iteration, Instant timestamp, LoopState state) implements LoopEvent {}

  /** The Student reported. */
  record StudentReported(StudentOutput output, LoopState state) implements LoopEvent {}

  /** The Mentor answered. */
  record MentorAnswered(String notes, LoopState state) implements LoopEvent {}

  /** The loop reached a terminal status. */
  record LoopCompleted(LoopStatus status, String summary, int iterations, LoopState state)
      implements LoopEvent {}

  /** Something went wrong; a fatal error is followed by {@link LoopCompleted}. */
  record LoopError(String message, LoopState state) implements LoopEvent {}

  /** The Student ran a command: live progress inside a long attempt. */
  record StudentProgress(int iteration, CommandRecord command, LoopState state)
      implements LoopEvent {}
}
