package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;

/** A place that already has a note and fails again: the earlier advice did not help. */
final class RepeatedQuestionRule implements MentorRule {

  @Override
  public String name() {
    return "repeated-question";
  }

  @Override
  public boolean matches(MentorContext context) {
    return !context.earlierHere().isEmpty();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    MentorNote earlier = context.earlierHere().get(context.earlierHere().size() - 1);
    String problem =
        context.output().problem() == null ? context.quotedError() : context.output().problem();
    return new MentorAnswer(
        context.where()
            + " still fails after the note from iteration "
            + earlier.iteration()
            + ": "
            + problem
            + ".\n"
            + "The earlier fix did not get the learner past this place, and there is no other fix that works in the"
            + " sandbox. This is a blocker: the tutorial's author has to rework this step (see the earlier note for"
            + " what is wrong).",
        false);
  }
}
