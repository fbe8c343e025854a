package dev.smileloop.sandbox.entity;

/**
 * One command run in a shell session.
 *
 * <p>{@code output} is the combined stdout and stderr, cut to its head and tail when long. {@code
 * exitCode} is 124 when the command timed out (as coreutils {@code timeout} reports it), or the
 * shell's own exit status when the command ended the shell ({@code exit}, a {@code set -e} failure,
 * a signal). {@code shellEnded} says the shell is gone: the next command starts in a fresh shell
 * that keeps the working directory but loses variables and functions. {@code directory} is the
 * shell's working directory after the command, as seen inside the sandbox.
 */
public record CommandResult(
    String command,
    int exitCode,
    String output,
    long durationMillis,
    boolean timedOut,
    boolean shellEnded,
    String directory) {

  public static final int TIMEOUT_EXIT_CODE = 124;

  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
