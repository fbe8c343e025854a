package dev.smileloop.sandbox.entity;

/**
 * One command run in a shell session.
 *
 * <p>{@code output} is the combined stdout and stderr, cut to its head and tail when long. {@code
 * exitCode} is 124 when the command timed out (as coreutils {@code timeout} reports it), or the
 * shell's own exit status when the command ended the shell ({@code exit}, a {@code set -e} failure,
 * a signal). {@code shellEnded} says the shell is gone: the next command starts in a fresh shell
 * that keeps the working directory but loses variables and functions. {@code directory} is the
 * shell's working directory after the command, as seen inside the sandbox. {@code limit} names the
 * sandbox limit the command hit ("killed: memory limit 2 GiB"), or is null: a limit hit is a
 * finding about the environment, not about the tutorial.
 */
public record CommandResult(
    String command,
    int exitCode,
    String output,
    long durationMillis,
    boolean timedOut,
    boolean shellEnded,
    String directory,
    String limit) {

  public static final int TIMEOUT_EXIT_CODE = 124;

  /** A result that hit no limit. */
  public CommandResult(
      String command,
      int exitCode,
      String output,
      long durationMillis,
      boolean timedOut,
      boolean shellEnded,
      String directory) {
    this(command, exitCode, output, durationMillis, timedOut, shellEnded, directory, null);
  }

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
