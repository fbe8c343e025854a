package dev.smileloop.history.entity;

import java.time.Instant;

/**
 * Which runs to list: {@code tutorial} matches part of the tutorial's path (case-insensitive),
 * {@code outcome} the final status, {@code from}/{@code to} the time the run ended and was recorded
 * (from inclusive, to exclusive). Null means no filter. {@code page} counts from 1.
 */
public record RunQuery(
    String tutorial, String outcome, Instant from, Instant to, int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 200;

  public RunQuery {
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
  }

  public long offset() {
    return (long) (page - 1) * size;
  }
}
