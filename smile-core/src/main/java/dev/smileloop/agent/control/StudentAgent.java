package dev.smileloop.agent.control;

import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentTask;

/** Follows the tutorial once and reports how far it got. */
public interface StudentAgent {

  StudentOutput attempt(StudentTask task) throws AgentException, InterruptedException;
}
