package dev.smileloop.api.command;

import dev.smileloop.agent.control.StudentOutputJson;
import dev.smileloop.agent.entity.StudentOutput;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /api/student/result}: {@code {"studentOutput": {...}, "timestamp": "..."}}. The
 * output itself stays a JSON object here: agents write it in camelCase or snake_case, and the
 * core's lenient {@link StudentOutputJson} reads both, naming {@code studentOutput.<field>} when a
 * field is wrong.
 */
public record StudentResultCommand(
    @NotNull(message = "is required: the Student's JSON output object") JsonObject studentOutput,
    @IsoInstant String timestamp)
    implements Command {

  /** The Student's output, read leniently. */
  public StudentOutput output() {
    return StudentOutputJson.fromJson(studentOutput, "studentOutput");
  }
}
