package dev.smileloop.config.entity;

/**
 * The isolated environment a learner works in.
 *
 * <p>{@code network} lets tutorial commands reach the network from the sandbox; {@code
 * allowUnsandboxed} lets them run straight on the host when no sandbox tool is installed, which
 * gives the tutorial the same rights as the server process. {@code limits} bound what the commands
 * of one iteration may use.
 */
public record ContainerSettings(
    boolean keepOnFailure,
    boolean keepOnSuccess,
    boolean network,
    boolean allowUnsandboxed,
    SandboxLimits limits) {

  public ContainerSettings {
    limits = limits == null ? SandboxLimits.defaults() : limits;
  }

  /** Settings with the default limits. */
  public ContainerSettings(
      boolean keepOnFailure, boolean keepOnSuccess, boolean network, boolean allowUnsandboxed) {
    this(keepOnFailure, keepOnSuccess, network, allowUnsandboxed, SandboxLimits.defaults());
  }

  public static ContainerSettings defaults() {
    return new ContainerSettings(true, false, false, false);
  }
}
