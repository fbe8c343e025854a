package dev.smileloop.agent.control;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorTask;

/** Answers a stuck Student with notes; never performs the task itself. */
public interface MentorAgent {

  MentorAnswer advise(MentorTask task) throws AgentException, InterruptedException;
}
