package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.StuckTrigger;
import java.util.Set;

/**
 * A command that did not finish in time: an interactive program (editor, pager, REPL), or a server
 * or watcher started in the foreground.
 */
final class TimeoutRule implements MentorRule {

  private static final Set<String> INTERACTIVE =
      Set.of(
          "vim", "vi", "nvim", "nano", "emacs", "pico", "less", "more", "top", "htop", "man",
          "watch", "ssh", "tmux", "screen");
  private static final Set<String> REPLS =
      Set.of(
          "python",
          "python3",
          "node",
          "irb",
          "bash",
          "sh",
          "zsh",
          "mysql",
          "psql",
          "sqlite3",
          "redis-cli",
          "mongosh");

  @Override
  public String name() {
    return "timeout";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.trigger() == StuckTrigger.TIMEOUT
        || context.failed() != null && context.failed().timedOut();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    int limit = context.task().config().studentBehavior().timeoutSeconds();
    String program = context.command() == null ? "" : FailureText.firstWord(context.command());
    boolean bare = context.command() != null && context.command().strip().equals(program);
    if (INTERACTIVE.contains(program) || bare && REPLS.contains(program)) {
      return new MentorAnswer(
          context.where()
              + " opens `"
              + program
              + "`, an interactive program that waits for a person at the"
              + " keyboard; it was stopped after "
              + limit
              + " s.\n"
              + "Fix for the tutorial: give the change as something a reader can copy: the complete file as a code"
              + " block, or a command that makes the edit (for example with `sed -i` or `printf ... >> file`), and keep"
              + " the editor optional.\n"
              + "The learner cannot use interactive programs, so it cannot go on.",
          false);
    }
    String command =
        context.command() == null
            ? "the command"
            : "`" + FailureText.shortCommand(context.command()) + "`";
    return new MentorAnswer(
        context.where()
            + " was still running after "
            + limit
            + " s and was stopped.\n"
            + "Most likely "
            + command
            + " starts a server or a watcher that never exits on its own, and the"
            + " tutorial does not say so.\n"
            + "Fix for the tutorial: start it in the background (`"
            + (context.command() == null ? "command" : FailureText.shortCommand(context.command()))
            + " &`), wait until it is ready, and stop it at the end (`kill %1`); or say that it keeps running"
            + " and how to stop it. If it is only slow, say how long it takes (and raise"
            + " studentBehavior.timeoutSeconds for this check).\n"
            + "The learner cannot get past a command that does not finish.",
        false);
  }
}
