package dev.smileloop.report.entity;

import java.time.Instant;
import java.util.Locale;

/**
 * Something that happened in the loop, in the order it happened. {@code iteration} is 0 for
 * loop-wide events.
 */
public record TimelineEntry(Instant timestamp, int iteration, Event event, String detail) {

  /** The kinds of moments a timeline shows. */
  public enum Event {
    LOOP_STARTED,
    ITERATION_STARTED,
    STUDENT_REPORTED,
    MENTOR_ANSWERED,
    LOOP_ENDED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
