package dev.smileloop.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How this machine enforces the sandbox limits, found once at start. As root with cgroup v1 {@code
 * memory} and {@code pids} hierarchies (this kind of machine): a cgroup per iteration holds memory
 * and process count for all its processes together. Otherwise rlimits set in the sandboxed shell:
 * {@code RLIMIT_AS} per process for memory and {@code RLIMIT_NPROC}, which inside the sandbox's own
 * user namespace counts only the sandbox's processes (Linux 5.14 and later). File size ({@code
 * RLIMIT_FSIZE}) and CPU time ({@code RLIMIT_CPU}) are rlimits either way; the workspace size is
 * watched by {@link IterationLimits}, the {@code /tmp} size is the tmpfs's.
 */
public final class ResourceControl {

  /** Which mechanism holds memory and processes. */
  public enum Mechanism {
    CGROUP_V1,
    RLIMITS
  }

  private static volatile ResourceControl detected;

  private final Mechanism mechanism;
  private final boolean root;
  private final Path memoryParent;
  private final Path pidsParent;

  ResourceControl(Mechanism mechanism, boolean root, Path memoryParent, Path pidsParent) {
    this.mechanism = mechanism;
    this.root = root;
    this.memoryParent = memoryParent;
    this.pidsParent = pidsParent;
  }

  /** What this process can use; probed once (a cgroup is created and removed again). */
  public static ResourceControl detect() {
    ResourceControl control = detected;
    if (control == null) {
      control = probe();
      detected = control;
    }
    return control;
  }

  /** Rlimits only, whoever runs the server: for tests of that path. */
  static ResourceControl rlimitsOnly() {
    return new ResourceControl(Mechanism.RLIMITS, runningAsRoot(), null, null);
  }

  private static ResourceControl probe() {
    boolean root = runningAsRoot();
    Optional<Path> memory = IterationCgroup.parent("memory");
    Optional<Path> pids = IterationCgroup.parent("pids");
    if (root
        && memory.isPresent()
        && pids.isPresent()
        && Files.exists(memory.get().resolve("memory.limit_in_bytes"))) {
      try {
        IterationCgroup.create(memory.get(), pids.get(), SandboxLimits.defaults()).close();
        return new ResourceControl(Mechanism.CGROUP_V1, true, memory.get(), pids.get());
      } catch (IOException | RuntimeException e) {
        // Not allowed after all (a read-only or delegated hierarchy): rlimits below.
      }
    }
    return new ResourceControl(Mechanism.RLIMITS, root, null, null);
  }

  /** Whether the server runs as root: the sandbox then switches to an unprivileged user. */
  static boolean runningAsRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), UTF_8)) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // the effective uid
        }
      }
    } catch (IOException e) {
      // No /proc: not Linux, no bubblewrap either.
    }
    return false;
  }

  public Mechanism mechanism() {
    return mechanism;
  }

  public boolean root() {
    return root;
  }

  /** The limits and how each is enforced, for the sandbox's description and the log. */
  public String describe(SandboxLimits limits) {
    String held =
        mechanism == Mechanism.CGROUP_V1
            ? "cgroup v1: memory "
                + LimitText.size(limits.memoryMb())
                + ", "
                + limits.processes()
                + " processes; rlimits: "
            : "rlimits: memory "
                + LimitText.size(limits.memoryMb())
                + " per process, "
                + limits.processes()
                + " processes, ";
    return held
        + "file size "
        + LimitText.size(limits.fileSizeMb())
        + ", CPU "
        + limits.cpuSeconds()
        + " s per process; workspace "
        + LimitText.size(limits.workspaceMb())
        + " (watched); /tmp "
        + LimitText.size(limits.tmpMb());
  }

  /** The limits of one session (one iteration's workspace); the caller closes them. */
  IterationLimits open(SandboxLimits limits, Workspace workspace) throws IOException {
    IterationCgroup cgroup =
        mechanism == Mechanism.CGROUP_V1
            ? IterationCgroup.create(memoryParent, pidsParent, limits)
            : null;
    return new IterationLimits(limits, cgroup, workspace);
  }
}
