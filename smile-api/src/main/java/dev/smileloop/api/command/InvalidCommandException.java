package dev.smileloop.api.command;

import java.util.List;
import java.util.stream.Collectors;

/** A request body that is not a valid command: what is wrong, field by field. */
public class InvalidCommandException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One problem: the field it is about ({@code null} for the whole body) and what is wrong. */
  public record Violation(String field, String problem) {

    /** {@code "tutorialContent must be a string, got a number"}. */
    public String describe() {
      return field == null ? problem : field + " " + problem;
    }
  }

  private final transient List<Violation> violations;

  public InvalidCommandException(List<Violation> violations) {
    super(violations.stream().map(Violation::describe).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** A problem with the body as a whole (empty, not JSON, not an object). */
  public static InvalidCommandException ofBody(String problem) {
    return new InvalidCommandException(List.of(new Violation(null, problem)));
  }

  /** No body where one is needed (JAX-RS may hand a resource {@code null} for an empty body). */
  public static InvalidCommandException emptyBody() {
    return ofBody("the request body is empty; a JSON object is expected");
  }

  /** The command, or an {@link #emptyBody()} refusal when there was none. */
  public static <T extends Command> T required(T command) {
    if (command == null) {
      throw emptyBody();
    }
    return command;
  }

  public List<Violation> violations() {
    return violations;
  }
}
