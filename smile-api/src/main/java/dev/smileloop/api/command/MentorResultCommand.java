package dev.smileloop.api.command;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code POST /api/mentor/result}: {@code {"mentorOutput": "notes", "timestamp": "...",
 * "unresolvable": false}}; {@code unresolvable} says the Mentor sees no way past the blocker.
 */
public record MentorResultCommand(
    @NotBlank(message = "is required: the Mentor's notes as a non-empty string")
        String mentorOutput,
    @IsoInstant String timestamp,
    Boolean unresolvable)
    implements Command {

  public boolean isUnresolvable() {
    return Boolean.TRUE.equals(unresolvable);
  }
}
