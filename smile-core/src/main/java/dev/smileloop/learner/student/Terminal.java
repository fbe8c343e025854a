package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.learner.control.OutputText;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.entity.CommandResult;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The learner's one terminal: runs a command in the attempt's shell, records it in the log and
 * reports it to the live progress consumer.
 */
final class Terminal {

  /** The longest command output kept in full for comparing it with an expected output. */
  private static final int FULL_OUTPUT_LIMIT = 1 << 20;

  private final ShellSession shell;
  private final Duration timeout;
  private final AttemptLog log;
  private final Consumer<CommandRecord> progress;

  Terminal(ShellSession shell, Duration timeout, AttemptLog log, Consumer<CommandRecord> progress) {
    this.shell = shell;
    this.timeout = timeout;
    this.log = log;
    this.progress = progress == null ? record -> {} : progress;
  }

  ShellSession shell() {
    return shell;
  }

  Duration timeout() {
    return timeout;
  }

  /** Runs a command, recorded under its tutorial line and step. */
  CommandResult execute(String text, int line, String heading, boolean fromMentor)
      throws IOException, InterruptedException {
    CommandResult result = shell.run(text, timeout);
    CommandRecord record =
        new CommandRecord(
            text,
            line,
            heading,
            result.exitCode(),
            result.output(),
            result.durationMillis(),
            result.timedOut(),
            fromMentor,
            result.limit());
    log.command(record);
    progress.accept(record);
    if (result.shellEnded()) {
      log.tried(
          "`"
              + OutputText.shortCommand(text)
              + "` (line "
              + line
              + ") "
              + (result.timedOut() ? "was killed with its shell" : "ended the shell")
              + "; the next command runs in a new shell in "
              + result.directory()
              + ", without earlier variables and functions");
    }
    return result;
  }

  /** Runs a helper command that is not part of the tutorial (not recorded). */
  CommandResult check(String text) throws IOException, InterruptedException {
    return shell.run(text, timeout);
  }

  /** The last command's whole output, when it is small enough to keep. */
  Optional<String> lastOutput() throws IOException {
    return shell.lastOutput(FULL_OUTPUT_LIMIT);
  }

  CommandRecord lastRecord() {
    return log.records.get(log.records.size() - 1);
  }
}
