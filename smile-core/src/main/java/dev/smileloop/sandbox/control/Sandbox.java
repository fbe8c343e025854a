package dev.smileloop.sandbox.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where tutorial commands run. An implementation decides how a shell for a workspace is started and
 * where the workspace appears to it; {@link ShellSession} drives that shell.
 */
public interface Sandbox {

  System.Logger LOG = System.getLogger(Sandbox.class.getName());

  /** A short name for summaries and logs, e.g. "bubblewrap sandbox". */
  String description();

  /** False when commands run on the host with the server's rights. */
  boolean isolated();

  /** Where the workspace's folders appear to commands inside. */
  SandboxPaths paths(Workspace workspace);

  /**
   * A builder for {@code bash --noprofile --norc} in this sandbox, starting in the workspace with a
   * clean environment; not started yet.
   */
  ProcessBuilder shell(Workspace workspace);

  /**
   * The resource limits of one session in this workspace (one iteration), opened before its first
   * shell starts and closed with the session; none by default.
   */
  default IterationLimits limits(Workspace workspace) throws IOException {
    return IterationLimits.none();
  }

  /** A shell held by the session's limits. */
  default ProcessBuilder shell(Workspace workspace, IterationLimits limits) {
    return shell(workspace);
  }

  /** What commands inside the sandbox can find on their {@code PATH}. */
  default ExecutableLookup commands() {
    return ExecutableLookup.sandbox();
  }

  /** The sandbox the configuration asks for, looking for bubblewrap on the server's PATH. */
  static Sandbox forConfig(SmileConfig config) {
    return forConfig(config, ExecutableLookup.system());
  }

  /**
   * The sandbox the configuration asks for: bubblewrap when {@code bwrap} is on the given PATH,
   * else the bare host only if {@code container.allowUnsandboxed} is set.
   *
   * @throws SmileException of kind {@code ENVIRONMENT} when neither is possible
   */
  static Sandbox forConfig(SmileConfig config, ExecutableLookup hostLookup) {
    Optional<Path> bwrap = hostLookup.find("bwrap");
    if (bwrap.isPresent()) {
      ResourceControl control = ResourceControl.detect();
      if (control.root()
          && (hostLookup.find("unshare").isEmpty() || hostLookup.find("setpriv").isEmpty())) {
        throw new SmileException(
            SmileException.Kind.ENVIRONMENT,
            "The server runs as root, so tutorial commands are started as the unprivileged user"
                + " 65534 through 'unshare' and 'setpriv', which were not found on PATH. Install"
                + " util-linux ('sudo apt-get install util-linux'), or run the server as a normal"
                + " user.");
      }
      Sandbox sandbox =
          new BubblewrapSandbox(
              bwrap.get(), config.container().network(), config.container().limits(), control);
      LOG.log(System.Logger.Level.INFO, "Tutorial commands run in a {0}", sandbox.description());
      return sandbox;
    }
    if (config.container().allowUnsandboxed()) {
      return new HostSandbox();
    }
    throw new SmileException(
        SmileException.Kind.ENVIRONMENT,
        "Bubblewrap ('bwrap') was not found on PATH, and tutorial commands only run in a sandbox."
            + " Install it: 'sudo apt-get install bubblewrap' on Debian/Ubuntu,"
            + " 'sudo dnf install bubblewrap' on Fedora. Or set \"container\": {\"allowUnsandboxed\":"
            + " true} in smile.json to run the commands directly on this machine - at your own"
            + " risk: they then have the server's rights and can read, change or delete your files"
            + " and reach the network.");
  }
}
