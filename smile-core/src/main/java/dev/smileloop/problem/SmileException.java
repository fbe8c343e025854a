package dev.smileloop.problem;

/**
 * An error a user must see, with a message that says what is wrong and how to fix it. The kind
 * tells a boundary how to answer (the REST layer maps it to a status code, the CLI to an exit
 * code); the message is shown as it is.
 */
public class SmileException extends RuntimeException {

  /** What kind of problem this is, independent of the protocol that reports it. */
  public enum Kind {
    /** The request or the file given is wrong (HTTP 400). */
    INVALID_INPUT,
    /** Something named does not exist (HTTP 404). */
    NOT_FOUND,
    /** A loop is already running here or in another process (HTTP 409). */
    CONFLICT,
    /** No loop is in a state that accepts the call (HTTP 503). */
    UNAVAILABLE,
    /** The environment cannot run the loop: missing sandbox, missing CLI (HTTP 500). */
    ENVIRONMENT
  }

  private final Kind kind;

  public SmileException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SmileException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static SmileException invalid(String message) {
    return new SmileException(Kind.INVALID_INPUT, message);
  }
}
