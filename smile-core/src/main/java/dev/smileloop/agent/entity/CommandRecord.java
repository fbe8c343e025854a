package dev.smileloop.agent.entity;

/**
 * One command the Student ran: where it stands in the tutorial ({@code line}, 0 when it came from a
 * Mentor note), its exit code, an excerpt of its output, how long it took, and whether it was a fix
 * the Mentor suggested rather than a tutorial command. {@code limit} names the sandbox limit the
 * command hit ("killed: memory limit 2 GiB"), or is null; such a failure is an environment limit,
 * not a tutorial gap.
 */
public record CommandRecord(
    String command,
    int line,
    String step,
    int exitCode,
    String outputExcerpt,
    long durationMillis,
    boolean timedOut,
    boolean fromMentor,
    String limit) {

  /** A command that hit no sandbox limit. */
  public CommandRecord(
      String command,
      int line,
      String step,
      int exitCode,
      String outputExcerpt,
      long durationMillis,
      boolean timedOut,
      boolean fromMentor) {
    this(command, line, step, exitCode, outputExcerpt, durationMillis, timedOut, fromMentor, null);
  }
}
