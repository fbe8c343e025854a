package dev.smileloop.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A started process (a sandboxed shell, an LLM tool) and every process it started. Descendants are
 * noted while it runs, because once their parent has ended they are re-parented and can no longer
 * be found through it; a server left in the background is then still killed. A process that
 * detaches between two observations (a double fork) is not found.
 */
public final class ProcessTree {

  private static final Duration KILL_WAIT = Duration.ofSeconds(3);

  private final Process process;
  private final Set<ProcessHandle> seen = new LinkedHashSet<>();

  public ProcessTree(Process process) {
    this.process = process;
  }

  /** Notes the descendants the tool has now. */
  public void observe() {
    process.descendants().forEach(seen::add);
  }

  /**
   * Kills the process, if it still runs, and every descendant seen or still attached, then waits
   * (at most a few seconds, not interruptibly) until they are gone. Each process's children are
   * listed before it is killed, so its orphans are still found.
   */
  public void kill() {
    List<ProcessHandle> killed = new ArrayList<>();
    List<ProcessHandle> queue = new ArrayList<>();
    queue.add(process.toHandle());
    observe();
    queue.addAll(seen);
    Set<Long> done = new HashSet<>();
    while (!queue.isEmpty()) {
      ProcessHandle handle = queue.remove(0);
      if (!done.add(handle.pid())) {
        continue;
      }
      List<ProcessHandle> children = handle.children().toList();
      handle.destroyForcibly();
      killed.add(handle);
      queue.addAll(children);
    }
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + KILL_WAIT.toNanos();
    for (ProcessHandle handle : killed) {
      while (running(handle) && System.nanoTime() - deadline < 0) {
        LockSupport.parkNanos(2_000_000);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Alive and not a zombie; a zombie holds nothing and is reaped by whoever inherited it. */
  public static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
    try {
      String text = Files.readString(stat, UTF_8);
      int afterName = text.lastIndexOf(')');
      return afterName < 0 || afterName + 2 >= text.length() || text.charAt(afterName + 2) != 'Z';
    } catch (IOException e) {
      // No /proc entry: gone already, or a system without /proc where isAlive is all there is.
      return !Files.isDirectory(Path.of("/proc")) && handle.isAlive();
    }
  }
}
