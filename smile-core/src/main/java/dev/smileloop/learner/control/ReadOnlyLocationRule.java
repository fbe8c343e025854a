package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.MentorAnswer;

/** A command writes outside the working folder, which a reader could only do as root. */
final class ReadOnlyLocationRule implements MentorRule {

  @Override
  public String name() {
    return "write-outside-workspace";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.text().contains("Read-only file system");
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    return new MentorAnswer(
        context.where()
            + " writes outside the project's folder: "
            + context.quotedError()
            + ".\n"
            + "A reader without root rights cannot do that either, and it changes their system.\n"
            + "Fix for the tutorial: write into the project folder or $HOME instead, or say clearly that this"
            + " step needs `sudo` and why. The sandbox allows writes only in the working folder, so the learner"
            + " cannot go on.",
        false);
  }
}
