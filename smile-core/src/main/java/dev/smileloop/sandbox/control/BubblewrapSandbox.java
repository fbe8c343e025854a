package dev.smileloop.sandbox.control;

import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shell under bubblewrap: the whole system read-only, a private {@code /tmp}, the
 * workspace writable at {@code /tmp/smile/work}, the tutorial's folder read-only at {@code
 * /tmp/smile/tutorial}, the server user's home hidden, its own PID, IPC and network namespaces
 * (loopback only unless the network is shared). Mounts go under a tmpfs because a read-only {@code
 * /} admits no new top-level mount points. {@code --die-with-parent} ties every process in the
 * sandbox to the bwrap process, so killing that one ends them all.
 */
public final class BubblewrapSandbox implements Sandbox {

  static final String ROOT = "/tmp/smile";
  private static final SandboxPaths PATHS =
      new SandboxPaths(ROOT + "/work", ROOT + "/logs", ROOT + "/tutorial");

  private final Path bwrap;
  private final boolean network;

  public BubblewrapSandbox(Path bwrap, boolean network) {
    this.bwrap = bwrap;
    this.network = network;
  }

  @Override
  public String description() {
    return network ? "bubblewrap sandbox (host network shared)" : "bubblewrap sandbox";
  }

  @Override
  public boolean isolated() {
    return true;
  }

  @Override
  public SandboxPaths paths(Workspace workspace) {
    return hasTutorialFolder(workspace)
        ? PATHS
        : new SandboxPaths(PATHS.work(), PATHS.logs(), null);
  }

  @Override
  public ProcessBuilder shell(Workspace workspace) {
    SandboxPaths paths = paths(workspace);
    List<String> command = new ArrayList<>();
    command.add(bwrap.toString());
    add(command, "--ro-bind", "/", "/");
    hideHome(command);
    add(command, "--tmpfs", "/tmp");
    add(command, "--dir", ROOT);
    add(command, "--bind", workspace.work().toString(), paths.work());
    add(command, "--bind", workspace.logs().toString(), paths.logs());
    if (paths.tutorial() != null) {
      add(command, "--ro-bind", workspace.tutorialFolder().toString(), paths.tutorial());
    }
    add(command, "--proc", "/proc");
    add(command, "--dev", "/dev");
    command.add("--unshare-all");
    if (network) {
      command.add("--share-net");
    }
    command.add("--die-with-parent");
    command.add("--new-session");
    add(command, "--chdir", paths.work());
    add(command, "bash", "--noprofile", "--norc");
    ProcessBuilder builder = new ProcessBuilder(command);
    CleanEnvironment.apply(builder, paths.work());
    return builder;
  }

  /** Keys and tokens live in the server user's home; an empty read-only folder stands in for it. */
  private static void hideHome(List<String> command) {
    String home = System.getProperty("user.home", "");
    if (home.isEmpty() || "/".equals(home) || !Files.isDirectory(Path.of(home))) {
      return;
    }
    String real = Path.of(home).toAbsolutePath().normalize().toString();
    if (real.equals("/tmp") || real.startsWith("/tmp/")) {
      return;
    }
    add(command, "--tmpfs", real);
    add(command, "--remount-ro", real);
  }

  private static boolean hasTutorialFolder(Workspace workspace) {
    return workspace.tutorialFolder() != null && Files.isDirectory(workspace.tutorialFolder());
  }

  private static void add(List<String> command, String... parts) {
    command.addAll(List.of(parts));
  }
}
