package dev.smileloop.ws.entity;

import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.LoopStatus;
import jakarta.json.JsonObject;
import java.time.Instant;

/** The payload of each {@code /ws} event (SPEC section 6), one record per event name. */
public final class Payload {

  public static final String CONNECTED = "connected";
  public static final String ITERATION_START = "iteration_start";
  public static final String STUDENT_OUTPUT = "student_output";
  public static final String MENTOR_OUTPUT = "mentor_output";
  public static final String LOOP_COMPLETE = "loop_complete";
  public static final String ERROR = "error";
  public static final String STUDENT_PROGRESS = "student_progress";

  /** {@code code} of the notice sent when part of a requested replay is gone. */
  public static final String REPLAY_GAP = "replay_gap";

  /** {@code code} of the notice sent when {@code since} is not a usable number. */
  public static final String BAD_SINCE = "bad_since";

  /** {@code code} of the notice sent when a slow client lost events. */
  public static final String EVENTS_DROPPED = "events_dropped";

  private Payload() {}

  /**
   * First message on every connection: the state after the last broadcast event (as JSON, its
   * secrets masked) and that event's seq ({@code 0} before any event), which is where this client's
   * stream starts.
   */
  public record Connected(JsonObject state, long lastSeq) {}

  public record IterationStart(int iteration, Instant timestamp) {}

  /** A summary of what the Student reported, not the full output. */
  public record StudentSummary(StudentStatus status, String summary, String currentStep) {}

  public record MentorOutput(String notes) {}

  public record LoopComplete(LoopStatus status, String summary, int iterations) {}

  /**
   * An error of the loop ({@code message} only), or a notice to one client; the notices carry a
   * {@code code} and, depending on it, {@code firstAvailable} or {@code dropped}. Null fields are
   * left out of the JSON.
   */
  public record ErrorMessage(String message, String code, Long firstAvailable, Long dropped) {

    public static ErrorMessage of(String message) {
      return new ErrorMessage(message, null, null, null);
    }
  }

  /**
   * One command the Student ran inside an attempt: live progress, with an excerpt of its output.
   */
  public record StudentProgress(
      int iteration,
      String step,
      int line,
      String command,
      int exitCode,
      long durationMillis,
      boolean timedOut,
      boolean fromMentor,
      String outputExcerpt) {}
}
