package dev.smileloop.agent.control;

/**
 * An agent could not produce a result. The kind decides what the loop does (SPEC section 3):
 * transient errors are retried with backoff, a step timeout ends the loop as {@code timeout}, a
 * fatal error ends it as {@code error}, an agent fault as {@code agent_error}.
 */
public class AgentException extends Exception {

  /** How the loop treats the failure. */
  public enum Kind {
    TRANSIENT,
    STEP_TIMEOUT,
    FATAL,
    /**
     * The model itself failed (its answer could not be read even after being re-asked, or it broke
     * the tool protocol): the model's fault, never a gap in the tutorial.
     */
    AGENT_FAULT
  }

  private final Kind kind;

  public AgentException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public AgentException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static AgentException fatal(String message) {
    return new AgentException(Kind.FATAL, message);
  }

  public static AgentException transientFailure(String message) {
    return new AgentException(Kind.TRANSIENT, message);
  }

  public static AgentException agentFault(String message) {
    return new AgentException(Kind.AGENT_FAULT, message);
  }

  public static AgentException stepTimeout(String message) {
    return new AgentException(Kind.STEP_TIMEOUT, message);
  }
}
