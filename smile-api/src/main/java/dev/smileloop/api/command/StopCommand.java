package dev.smileloop.api.command;

/** {@code POST /api/stop}: {@code {"reason": "..."}}; the body and the reason are optional. */
public record StopCommand(String reason) implements Command {

  /** The reason the loop records, {@code "stop requested"} when none was given. */
  public String reasonOrDefault() {
    return reason == null || reason.isBlank() ? "stop requested" : reason;
  }
}
