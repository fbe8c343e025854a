package dev.smileloop.api.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.ws.boundary.EventBroadcaster;
import dev.smileloop.ws.control.EventHub;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs one full collection when the server has gone quiet after a burst of work (a loop, or /ws
 * clients coming and going), so the heap shrinks and the system gets its memory back.
 *
 * <p>Why by hand: the serial collector, the one that starts this server fastest on small machines,
 * gives heap back only after a full collection, and nothing else triggers one once the work is
 * over, so a server that once held 1,000 clients stayed at that size. (G1 has a periodic collection
 * for this, {@code G1PeriodicGCInterval}; the serial collector has none.) A check every {@code
 * smile.memoryTrimSeconds} (default 20, 0 turns it off) compares what changed since the last one:
 * events published, clients open, the loop's state. After a period with changes, the first period
 * without any (and no loop running) triggers {@link System#gc()}: a pause of some hundred
 * milliseconds, at a moment nobody waits for the server.
 */
@ApplicationScoped
public class MemoryTrim {

  public static final String PROPERTY = "smile.memoryTrimSeconds";

  private static final Logger LOG = Logger.getLogger(MemoryTrim.class.getName());

  private static final String MAX_FREE = "MaxHeapFreeRatio";
  private static final String MIN_FREE = "MinHeapFreeRatio";
  private static final int TIGHT_FREE_PERCENT = 10;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Orchestrator orchestrator;

  @Inject EventBroadcaster broadcaster;

  private Activity last;
  private boolean worked;
  private ScheduledFuture<?> check;

  /** What the server did so far; a change means it worked in the meantime. */
  record Activity(long published, int clients, LoopState state) {}

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    long seconds = Long.getLong(PROPERTY, 20L);
    if (seconds <= 0) {
      return;
    }
    quietAfterWork(now(), false); // the baseline: what happens from here on counts as work
    check = scheduler.scheduleWithFixedDelay(this::check, seconds, seconds, TimeUnit.SECONDS);
  }

  /** True when the server has just gone quiet after working: time to give memory back. */
  synchronized boolean quietAfterWork(Activity now, boolean loopRunning) {
    boolean changed = last != null && !now.equals(last);
    last = now;
    if (changed || loopRunning) {
      worked |= changed;
      return false;
    }
    boolean trim = worked;
    worked = false;
    return trim;
  }

  private Activity now() {
    EventHub.Stats stats = broadcaster.stats();
    return new Activity(stats.published(), stats.open(), orchestrator.status());
  }

  private void check() {
    try {
      Activity activity = now();
      if (quietAfterWork(activity, activity.state().status().isActive())) {
        long before = usedHeap();
        collectTight();
        LOG.fine(
            () ->
                "quiet after work: heap "
                    + before / 1_048_576
                    + " MB -> "
                    + usedHeap() / 1_048_576
                    + " MB in use");
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "memory trim check failed: " + e);
    }
  }

  /**
   * A full collection after which the heap keeps at most 10% free ({@code MaxHeapFreeRatio}, a flag
   * the JVM lets a running program change), then the server's own setting again: the heap grows
   * back as work needs it, while the quiet server holds little more than its live data.
   */
  private static void collectTight() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    String min = vm.getVMOption(MIN_FREE).getValue();
    String max = vm.getVMOption(MAX_FREE).getValue();
    boolean tighten = Integer.parseInt(max) > TIGHT_FREE_PERCENT;
    try {
      if (tighten) {
        // The JVM refuses a maximum below the minimum: lower the minimum first.
        vm.setVMOption(MIN_FREE, "0");
        vm.setVMOption(MAX_FREE, String.valueOf(TIGHT_FREE_PERCENT));
      }
      System.gc();
    } finally {
      if (tighten) {
        vm.setVMOption(MAX_FREE, max);
        vm.setVMOption(MIN_FREE, min);
      }
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @PreDestroy
  void stop() {
    if (check != null) {
      check.cancel(false);
    }
  }
}
