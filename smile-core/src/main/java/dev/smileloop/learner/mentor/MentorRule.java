package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;

/** One piece of the built-in Mentor's knowledge: when it applies and what it answers. */
interface MentorRule {

  String name();

  boolean matches(MentorContext context);

  MentorAnswer answer(MentorContext context);
}
