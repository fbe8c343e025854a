package dev.smileloop.agent.entity;

/**
 * A failure whose cause is this machine rather than the tutorial: no network ({@code network}), no
 * container daemon ({@code container_daemon}), a read-only system location ({@code
 * read_only_system}), a sandbox limit ({@code sandbox_limit}), or a tool the tutorial lists as a
 * prerequisite that this machine lacks ({@code declared_prerequisite}). Reports keep these apart
 * from gaps: they say nothing against the author. {@code line} is the tutorial line (null when
 * unknown), {@code quote} its text, {@code evidence} the output line that shows the cause, {@code
 * advice} what the user can change to validate the step.
 */
public record EnvironmentFinding(
    String kind,
    Integer line,
    String quote,
    String step,
    String command,
    String evidence,
    String advice) {

  public static final String NETWORK = "network";
  public static final String CONTAINER_DAEMON = "container_daemon";
  public static final String READ_ONLY_SYSTEM = "read_only_system";
  public static final String SANDBOX_LIMIT = "sandbox_limit";
  public static final String DECLARED_PREREQUISITE = "declared_prerequisite";
}
