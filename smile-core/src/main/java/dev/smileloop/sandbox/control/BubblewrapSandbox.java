package dev.smileloop.sandbox.control;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the shell under bubblewrap, unprivileged: the whole system read-only, a private size-capped
 * {@code /tmp}, the workspace writable at {@code /tmp/smile/work}, the tutorial's folder read-only
 * at {@code /tmp/smile/tutorial}, the server user's home hidden, its own user, PID, IPC and network
 * namespaces (loopback only unless the network is shared), a {@code /proc} that shows only the
 * sandbox's processes, all capabilities dropped, no nested user namespaces, a new session (no
 * terminal to inject keystrokes into) and {@code --die-with-parent}, so killing bwrap ends them
 * all.
 *
 * <p>The commands run as uid 65534 ("nobody"). When the server is not root that id maps to the
 * server's own user, so workspace files stay the server's. When the server is root, mapping to it
 * would make the sandbox the owner of every root-owned file ({@code /etc/shadow}, {@code /root}):
 * capabilities do not matter to an owner. So a root server first starts bwrap as the real host user
 * 65534 ({@code setpriv}), inside a private mount namespace ({@code unshare -m}) where the
 * workspace and tutorial folders are bound under a fresh tmpfs on {@code /dev/shm} that this user
 * can reach even when they live under {@code /root}; the workspace folders are handed to that user,
 * and the same wrapper puts the shell into the iteration's cgroup. Mounts go under a tmpfs because
 * a read-only {@code /} admits no new top-level mount points.
 */
public final class BubblewrapSandbox implements Sandbox {

  static final String ROOT = "/tmp/smile";
  static final int SANDBOX_ID = 65534;
  private static final String STAGE = "/dev/shm";
  private static final SandboxPaths PATHS =
      new SandboxPaths(ROOT + "/work", ROOT + "/logs", ROOT + "/tutorial");

  /**
   * Run by root before bwrap: join the cgroups ($1, space separated), stage the folders ($2 work,
   * $3 logs, $4 tutorial or empty) where user 65534 can bind them from, then become that user.
   */
  private static final String ROOT_WRAPPER =
      "set -e; for f in $1; do echo $$ > \"$f\"; done;"
          + " mount -t tmpfs -o mode=0755,size=64k smile-stage "
          + STAGE
          + "; mkdir "
          + STAGE
          + "/work "
          + STAGE
          + "/logs; mount --bind -- \"$2\" "
          + STAGE
          + "/work; mount --bind -- \"$3\" "
          + STAGE
          + "/logs; if [ -n \"$4\" ]; then mkdir "
          + STAGE
          + "/tutorial; mount --bind -- \"$4\" "
          + STAGE
          + "/tutorial; fi; shift 4;"
          + " exec setpriv --reuid="
          + SANDBOX_ID
          + " --regid="
          + SANDBOX_ID
          + " --clear-groups --bounding-set=-all -- \"$@\"";

  private final Path bwrap;
  private final boolean network;
  private final SandboxLimits limits;
  private final ResourceControl control;

  public BubblewrapSandbox(Path bwrap, boolean network) {
    this(bwrap, network, SandboxLimits.defaults(), ResourceControl.detect());
  }

  public BubblewrapSandbox(
      Path bwrap, boolean network, SandboxLimits limits, ResourceControl control) {
    this.bwrap = bwrap;
    this.network = network;
    this.limits = limits;
    this.control = control;
  }

  @Override
  public String description() {
    return "bubblewrap sandbox ("
        + (network ? "host network shared, " : "")
        + "unprivileged uid "
        + SANDBOX_ID
        + (control.root() ? " on the host" : "")
        + "; "
        + control.describe(limits)
        + ")";
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
  public IterationLimits limits(Workspace workspace) throws IOException {
    return control.open(limits, workspace);
  }

  @Override
  public ProcessBuilder shell(Workspace workspace) {
    return shell(workspace, IterationLimits.none());
  }

  @Override
  public ProcessBuilder shell(Workspace workspace, IterationLimits iteration) {
    ProcessBuilder builder = new ProcessBuilder(command(workspace, iteration));
    CleanEnvironment.apply(builder, paths(workspace).work());
    builder.environment().put("USER", "nobody");
    return builder;
  }

  /** The whole command line: bwrap, behind the root wrapper when the server is root. */
  List<String> command(Workspace workspace, IterationLimits iteration) {
    SandboxPaths paths = paths(workspace);
    boolean root = control.root();
    List<String> command = new ArrayList<>();
    if (root) {
      handOver(workspace);
      add(command, "unshare", "--mount", "--propagation", "private", "sh", "-c", ROOT_WRAPPER);
      command.add("sh");
      command.add(
          iteration.cgroupProcsFiles().stream()
              .map(Path::toString)
              .collect(Collectors.joining(" ")));
      command.add(workspace.work().toString());
      command.add(workspace.logs().toString());
      command.add(paths.tutorial() == null ? "" : workspace.tutorialFolder().toString());
    }
    command.add(bwrap.toString());
    add(command, "--ro-bind", "/", "/");
    hideHome(command, root);
    hideServerState(command, root);
    add(command, "--size", Long.toString(SandboxLimits.bytes(limits.tmpMb())), "--tmpfs", "/tmp");
    add(command, "--dir", ROOT);
    add(command, "--bind", root ? STAGE + "/work" : workspace.work().toString(), paths.work());
    add(command, "--bind", root ? STAGE + "/logs" : workspace.logs().toString(), paths.logs());
    if (paths.tutorial() != null) {
      add(
          command,
          "--ro-bind",
          root ? STAGE + "/tutorial" : workspace.tutorialFolder().toString(),
          paths.tutorial());
    }
    add(command, "--proc", "/proc");
    add(command, "--dev", "/dev");
    add(command, "--size", Long.toString(SandboxLimits.bytes(limits.tmpMb())), "--tmpfs", STAGE);
    command.add("--unshare-all");
    command.add("--unshare-user");
    if (network) {
      command.add("--share-net");
    }
    add(command, "--uid", Integer.toString(SANDBOX_ID), "--gid", Integer.toString(SANDBOX_ID));
    add(command, "--cap-drop", "ALL");
    command.add("--disable-userns");
    command.add("--die-with-parent");
    command.add("--new-session");
    add(command, "--chdir", paths.work());
    add(command, "bash", "--noprofile", "--norc");
    return command;
  }

  /**
   * A root server hands the workspace folders (and what is in them, such as the transcript it just
   * created) to the sandbox user, who writes there; root can still read and delete them.
   */
  private static void handOver(Workspace workspace) {
    for (Path folder : List.of(workspace.work(), workspace.logs())) {
      try (Stream<Path> entries = Files.walk(folder)) {
        for (Path entry : entries.toList()) {
          Files.setAttribute(entry, "unix:uid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
          Files.setAttribute(entry, "unix:gid", SANDBOX_ID, LinkOption.NOFOLLOW_LINKS);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot hand the workspace to the sandbox user", e);
      }
    }
  }

  /** Keys and tokens live in the server user's home; an empty read-only folder stands in for it. */
  private static void hideHome(List<String> command, boolean root) {
    String home = System.getProperty("user.home", "");
    if (home.isEmpty() || "/".equals(home) || !Files.isDirectory(Path.of(home))) {
      return;
    }
    String real = Path.of(home).toAbsolutePath().normalize().toString();
    if (real.equals("/tmp") || real.startsWith("/tmp/") || root && !reachable(Path.of(real))) {
      return;
    }
    add(command, "--tmpfs", real);
    add(command, "--remount-ro", real);
  }

  /**
   * The server's {@code .smile} folder (its API token, loop state) is hidden too: a server that is
   * not root shares its user with the sandbox, so file permissions alone would not keep it out.
   */
  private static void hideServerState(List<String> command, boolean root) {
    Path state = Path.of(System.getProperty("user.dir", "/")).toAbsolutePath().resolve(".smile");
    if (Files.isDirectory(state) && (!root || reachable(state))) {
      add(command, "--tmpfs", state.toString());
      add(command, "--remount-ro", state.toString());
    }
  }

  /**
   * Whether user 65534 can get to a folder at all (every folder above it searchable by others); if
   * not, there is nothing to hide from it, and bwrap, running as that user, could not mount there.
   */
  private static boolean reachable(Path folder) {
    for (Path above = folder.getParent(); above != null; above = above.getParent()) {
      try {
        if (!Files.getPosixFilePermissions(above).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasTutorialFolder(Workspace workspace) {
    return workspace.tutorialFolder() != null && Files.isDirectory(workspace.tutorialFolder());
  }

  private static void add(List<String> command, String... parts) {
    command.addAll(List.of(parts));
  }
}
