package dev.smileloop.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.config.entity.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One iteration's cgroup (v1) in the {@code memory} and {@code pids} hierarchies, created below the
 * server's own cgroups: the memory limit holds all the iteration's processes together (unlike
 * {@code RLIMIT_AS}, which is per process), and the kernel counts what it refused ({@code oom_kill}
 * in {@code memory.oom_control}, {@code max} in {@code pids.events}). Only root may create them
 * here; {@link ResourceControl} decides whether they are in force. Removed when the session ends.
 */
final class IterationCgroup implements AutoCloseable {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Path memory;
  private final Path pids;

  private IterationCgroup(Path memory, Path pids) {
    this.memory = memory;
    this.pids = pids;
  }

  /** What the kernel refused so far: processes killed for memory, forks refused. */
  record Counters(long oomKills, long forksRefused) {
    static final Counters NONE = new Counters(0, 0);
  }

  /** The server's own cgroup folder of a v1 controller, if it is mounted and writable. */
  static Optional<Path> parent(String controller) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), UTF_8)) {
        String[] parts = line.split(":", 3);
        if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
          Path folder = ROOT.resolve(controller).resolve(parts[2].replaceFirst("^/", ""));
          return Files.isWritable(folder.resolve("cgroup.procs"))
              ? Optional.of(folder)
              : Optional.empty();
        }
      }
    } catch (IOException e) {
      // No /proc/self/cgroup: no cgroups to use.
    }
    return Optional.empty();
  }

  static IterationCgroup create(Path memoryParent, Path pidsParent, SandboxLimits limits)
      throws IOException {
    String name = "smile-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    Path memory = Files.createDirectory(memoryParent.resolve(name));
    Path pids;
    try {
      pids = Files.createDirectory(pidsParent.resolve(name));
    } catch (IOException e) {
      Files.deleteIfExists(memory);
      throw e;
    }
    IterationCgroup cgroup = new IterationCgroup(memory, pids);
    try {
      String bytes = Long.toString(SandboxLimits.bytes(limits.memoryMb()));
      Files.writeString(memory.resolve("memory.limit_in_bytes"), bytes);
      Path swap = memory.resolve("memory.memsw.limit_in_bytes");
      if (Files.exists(swap)) {
        Files.writeString(swap, bytes); // memory plus swap: no escape into swap
      }
      Files.writeString(pids.resolve("pids.max"), Integer.toString(limits.processes()));
    } catch (IOException e) {
      cgroup.close();
      throw e;
    }
    return cgroup;
  }

  /** The files a process writes its pid to, to join this cgroup. */
  List<Path> procsFiles() {
    return List.of(memory.resolve("cgroup.procs"), pids.resolve("cgroup.procs"));
  }

  Counters counters() {
    return new Counters(
        counter(memory.resolve("memory.oom_control"), "oom_kill"),
        counter(pids.resolve("pids.events"), "max"));
  }

  private static long counter(Path file, String name) {
    try {
      for (String line : Files.readAllLines(file, UTF_8)) {
        if (line.startsWith(name + " ")) {
          return Long.parseLong(line.substring(name.length() + 1).strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // A counter the kernel does not offer reads as zero: that limit is then not detected here.
    }
    return 0;
  }

  /** Kills whatever still runs in the cgroup, then removes it (a few tries while they exit). */
  @Override
  public void close() {
    for (Path folder : List.of(memory, pids)) {
      for (int attempt = 0; attempt < 500 && Files.exists(folder); attempt++) {
        killMembers(folder);
        try {
          Files.deleteIfExists(folder);
        } catch (IOException busy) {
          LockSupport.parkNanos(2_000_000);
        }
      }
    }
  }

  private static void killMembers(Path folder) {
    try {
      for (String pid : Files.readAllLines(folder.resolve("cgroup.procs"), UTF_8)) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Gone already.
    }
  }
}
