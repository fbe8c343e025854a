package dev.smileloop.agent.control;

import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.Path;

/** The one way a Student gets its workspace for an attempt. */
public final class StudentWorkspace {

  private StudentWorkspace() {}

  /** The fresh workspace of a Student attempt; failing to make it is fatal for the loop. */
  public static Workspace prepare(StudentTask task, Path workRoot) throws AgentException {
    try {
      return Workspaces.prepare(
          workRoot, task.loopId(), task.iteration(), task.tutorial().folder());
    } catch (IOException e) {
      throw new AgentException(
          AgentException.Kind.FATAL,
          "Cannot prepare the Student's workspace under " + workRoot + ": " + e.getMessage(),
          e);
    }
  }
}
