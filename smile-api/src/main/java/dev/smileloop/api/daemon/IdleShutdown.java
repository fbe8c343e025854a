package dev.smileloop.api.daemon;

import dev.smileloop.loop.boundary.Orchestrator;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Stops this server once no loop has run for {@code smile.idleShutdownSeconds} (off when 0 or
 * unset, the default for a server started by hand; the CLI's daemon sets it to 600). A small check
 * on the container's scheduled executor notes when a loop was last active; a loop waiting for an
 * external agent counts as active.
 */
@ApplicationScoped
public class IdleShutdown {

  public static final String PROPERTY = "smile.idleShutdownSeconds";

  private static final Logger LOG = Logger.getLogger(IdleShutdown.class.getName());

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Orchestrator orchestrator;

  @Inject Clock clock;

  private volatile Instant lastBusy;
  private volatile Duration idle;
  private ScheduledFuture<?> check;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    long seconds = Long.getLong(PROPERTY, 0L);
    if (seconds <= 0) {
      return;
    }
    idle = Duration.ofSeconds(seconds);
    lastBusy = clock.instant();
    long every = Math.max(1, Math.min(30, seconds / 4));
    check = scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.SECONDS);
    LOG.info(() -> "SMILE stops itself after " + seconds + " s without a loop");
  }

  /** Whether the server has been without a loop for the idle time (and so should stop). */
  boolean idleLongEnough() {
    Instant now = clock.instant();
    if (orchestrator.status().status().isActive()) {
      lastBusy = now;
      return false;
    }
    return !now.isBefore(lastBusy.plus(idle));
  }

  private void check() {
    try {
      if (idleLongEnough()) {
        LOG.info(() -> "SMILE: no loop for " + idle.toSeconds() + " s; stopping the server");
        check.cancel(false);
        // The JVM's exit runs Payara's shutdown hook, which undeploys and stops the server
        // gracefully (WebSocket clients get 1001), as a SIGTERM from `smile stop` does.
        System.exit(0);
      }
    } catch (RuntimeException e) {
      LOG.warning(() -> "idle check failed: " + e);
    }
  }

  @PreDestroy
  void stop() {
    if (check != null) {
      check.cancel(false);
    }
  }
}
