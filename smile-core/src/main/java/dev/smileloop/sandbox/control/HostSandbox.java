package dev.smileloop.sandbox.control;

import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;

/**
 * No isolation: the shell runs on the host with the server's rights, only starting in the workspace
 * with a clean environment. Used only when the user opted in with {@code
 * container.allowUnsandboxed}. Processes that detach from the shell (double fork, setsid) cannot be
 * tracked here and may outlive the attempt.
 */
public final class HostSandbox implements Sandbox {

  @Override
  public String description() {
    return "host shell without isolation";
  }

  @Override
  public boolean isolated() {
    return false;
  }

  @Override
  public SandboxPaths paths(Workspace workspace) {
    return new SandboxPaths(
        workspace.work().toString(),
        workspace.logs().toString(),
        workspace.tutorialFolder() == null ? null : workspace.tutorialFolder().toString());
  }

  @Override
  public ProcessBuilder shell(Workspace workspace) {
    ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc");
    builder.directory(workspace.work().toFile());
    CleanEnvironment.apply(builder, workspace.work().toString());
    return builder;
  }
}
