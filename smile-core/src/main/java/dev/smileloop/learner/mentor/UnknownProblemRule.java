package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;

/** No other rule applies: quote the error and declare a blocker. */
final class UnknownProblemRule implements MentorRule {

  @Override
  public String name() {
    return "unknown-problem";
  }

  @Override
  public boolean matches(MentorContext context) {
    return true;
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    String problem =
        context.failed() != null
            ? "fails with " + context.quotedError()
            : "is stuck: "
                + (context.output().problem() == null
                    ? "no details given"
                    : context.output().problem());
    return new MentorAnswer(
        context.where()
            + " "
            + problem
            + ".\n"
            + "The built-in mentor knows no fix for this. The tutorial's author has to check this step: what it"
            + " needs beforehand, and what it should print.",
        false);
  }
}
