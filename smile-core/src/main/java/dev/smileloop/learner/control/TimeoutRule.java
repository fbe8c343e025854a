package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.StuckTrigger;

/** A command that did not finish in time: usually a server or watcher started in the foreground. */
final class TimeoutRule implements MentorRule {

  @Override
  public String name() {
    return "timeout";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.trigger() == StuckTrigger.TIMEOUT || context.failed() != null && context.failed().timedOut();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    int limit = context.task().config().studentBehavior().timeoutSeconds();
    String command = context.command() == null ? "the command" : "`" + OutputText.shortCommand(context.command()) + "`";
    return new MentorAnswer(
        context.where() + " was still running after " + limit + " s and was stopped.\n"
            + "Most likely " + command + " starts a server or a watcher that never exits on its own, and the"
            + " tutorial does not say so.\n"
            + "Fix for the tutorial: start it in the background (`" + (context.command() == null ? "command" : OutputText.shortCommand(context.command()))
            + " &`), wait until it is ready, and stop it at the end (`kill %1`); or say that it keeps running"
            + " and how to stop it. If it is only slow, say how long it takes (and raise"
            + " studentBehavior.timeoutSeconds for this check).\n"
            + "The learner cannot get past a command that does not finish.",
        false);
  }
}
