package dev.smileloop.agent.control;

import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.loop.entity.StudentOutput;

/** Follows the tutorial once and reports how far it got. */
public interface StudentAgent {

  StudentOutput attempt(StudentTask task) throws AgentException, InterruptedException;
}
