package dev.smileloop.loop.control;

import dev.smileloop.agent.control.StudentOutputJson;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.problem.SmileException;
import jakarta.json.JsonObject;

/** Validates the agents' callback bodies (SPEC section 5) with messages that name the field. */
public final class CallbackRequests {

  /** A Mentor's callback: its notes and whether it declared the blocker unresolvable. */
  public record MentorResult(String notes, boolean unresolvable) {}

  private CallbackRequests() {}

  /** {@code {"studentOutput": {...}, "timestamp": "..."}}, camelCase or snake_case inside. */
  public static StudentOutput student(JsonObject body) {
    JsonBodies.instant(body, "timestamp");
    JsonObject output =
        JsonBodies.object(body, "studentOutput")
            .orElseThrow(
                () ->
                    SmileException.invalid(
                        "studentOutput is required: the Student's JSON output object"));
    return StudentOutputJson.fromJson(output, "studentOutput");
  }

  /** {@code {"mentorOutput": "notes", "timestamp": "...", "unresolvable": false}}. */
  public static MentorResult mentor(JsonObject body) {
    JsonBodies.instant(body, "timestamp");
    String notes =
        JsonBodies.string(body, "mentorOutput")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    SmileException.invalid(
                        "mentorOutput is required: the Mentor's notes as a non-empty string"));
    return new MentorResult(notes, JsonBodies.bool(body, "unresolvable"));
  }

  /** {@code {"reason": "..."}}; the body and the reason are optional. */
  public static String stopReason(JsonObject body) {
    return JsonBodies.string(body, "reason").orElse("stop requested");
  }
}
