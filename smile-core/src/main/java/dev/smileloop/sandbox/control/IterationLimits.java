package dev.smileloop.sandbox.control;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The limits of one session's commands and what tells that a command hit one. Memory and processes
 * come from the iteration's cgroup when one is in force (the kernel's counters say what it
 * refused), else from rlimits and the messages programs print when the kernel refuses them. File
 * size and CPU time are rlimits whose signals show in the exit status (SIGXFSZ 153, SIGXCPU 152).
 *
 * <p>The workspace has no file system quota (that would need root and a file system that offers
 * one, and a size-capped tmpfs would not survive for {@code keepOnFailure}): its size is measured
 * while a command runs (every second) and after commands that took a while, and a command that
 * takes it over the limit is killed. A command can thus overshoot by what the disk writes in about
 * a second, and no single file grows past the file size limit.
 */
public final class IterationLimits implements AutoCloseable {

  static final int SIGXCPU_EXIT = 128 + 24;
  static final int SIGXFSZ_EXIT = 128 + 25;
  private static final Pattern NO_FORK =
      Pattern.compile(
          "fork: (?:retry: )?Resource temporarily unavailable|[Cc]annot fork|can't fork"
              + "|Resource temporarily unavailable.*(?:thread|fork|spawn)");
  private static final Pattern NO_MEMORY =
      Pattern.compile(
          "MemoryError|Cannot allocate memory|memory exhausted|std::bad_alloc|[Oo]ut of memory"
              + "|JavaScript heap out of memory|Could not reserve enough space");
  private static final Pattern NO_SPACE = Pattern.compile("No space left on device");

  private final SandboxLimits limits;
  private final IterationCgroup cgroup;
  private final Workspace workspace;
  private IterationCgroup.Counters last = IterationCgroup.Counters.NONE;

  IterationLimits(SandboxLimits limits, IterationCgroup cgroup, Workspace workspace) {
    this.limits = limits;
    this.cgroup = cgroup;
    this.workspace = workspace;
  }

  /** No limits at all (the host shell the user opted into). */
  public static IterationLimits none() {
    return new IterationLimits(null, null, null);
  }

  boolean enforced() {
    return limits != null;
  }

  /** The cgroup files the sandbox's first process joins through, or none. */
  List<Path> cgroupProcsFiles() {
    return cgroup == null ? List.of() : cgroup.procsFiles();
  }

  /**
   * Bash text that sets the rlimits, soft and hard, so commands cannot raise them again; run by the
   * sandboxed shell before anything else (no extra process). Memory is an rlimit only without a
   * cgroup, because {@code RLIMIT_AS} also counts address space that is reserved but never used.
   */
  String shellPrelude() {
    if (limits == null) {
      return "";
    }
    StringBuilder ulimit =
        new StringBuilder("builtin ulimit -HS")
            .append(" -f ")
            .append(SandboxLimits.bytes(limits.fileSizeMb()) / 1024)
            .append(" -u ")
            .append(limits.processes());
    if (cgroup == null) {
      ulimit.append(" -v ").append(SandboxLimits.bytes(limits.memoryMb()) / 1024);
    }
    // CPU: the soft limit sends SIGXCPU, which says what happened; the hard one, a little later,
    // SIGKILL for a process that ignores it.
    return ulimit
        .append(" -t ")
        .append(limits.cpuSeconds() + 5L)
        .append(" 2>/dev/null; builtin ulimit -S -t ")
        .append(limits.cpuSeconds())
        .append(" 2>/dev/null; ")
        .toString();
  }

  /** Whether the work and log folders together now exceed the workspace limit. */
  boolean workspaceOver() {
    if (limits == null) {
      return false;
    }
    long allowed = SandboxLimits.bytes(limits.workspaceMb());
    long[] total = {0};
    for (Path folder : List.of(workspace.work(), workspace.logs())) {
      try {
        Files.walkFileTree(
            folder,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.size();
                return total[0] > allowed ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished meanwhile, or unreadable: not counted
              }
            });
      } catch (IOException e) {
        // The folder went away: nothing there to count.
      }
    }
    return total[0] > allowed;
  }

  String workspaceExceeded() {
    return "workspace limit " + LimitText.size(limits.workspaceMb()) + " exceeded";
  }

  /**
   * The limit a finished command hit, or null. {@code checkWorkspace} asks to measure the workspace
   * too (done after each second of command time, not after every quick command). The kernel's
   * counters are read only after a failure: a command the kernel refused something usually fails,
   * and a successful one then costs nothing.
   */
  String after(int exitCode, String output, boolean checkWorkspace) {
    if (limits == null) {
      return null;
    }
    IterationCgroup.Counters now = cgroup == null || exitCode == 0 ? last : cgroup.counters();
    IterationCgroup.Counters before = last;
    last = now;
    if (now.oomKills() > before.oomKills()) {
      return "killed: memory limit " + LimitText.size(limits.memoryMb());
    }
    if (now.forksRefused() > before.forksRefused()) {
      return "process limit " + limits.processes() + " reached";
    }
    String text = output == null ? "" : output;
    if (exitCode == SIGXFSZ_EXIT || text.contains("File size limit exceeded")) {
      return "killed: file size limit " + LimitText.size(limits.fileSizeMb()) + " (SIGXFSZ)";
    }
    if (exitCode == SIGXCPU_EXIT || text.contains("CPU time limit exceeded")) {
      return "CPU time limit " + limits.cpuSeconds() + " s";
    }
    boolean noSpace = NO_SPACE.matcher(text).find();
    if ((checkWorkspace || noSpace) && workspaceOver()) {
      return workspaceExceeded();
    }
    if (noSpace) {
      return "/tmp full (" + LimitText.size(limits.tmpMb()) + ")";
    }
    if (NO_FORK.matcher(text).find()) {
      return "process limit " + limits.processes() + " reached";
    }
    if (cgroup == null && exitCode != 0 && NO_MEMORY.matcher(text).find()) {
      return "memory limit " + LimitText.size(limits.memoryMb()) + " reached (RLIMIT_AS)";
    }
    return null;
  }

  /** Kills what is left in the cgroup and removes it. */
  @Override
  public void close() {
    if (cgroup != null) {
      cgroup.close();
    }
  }
}
