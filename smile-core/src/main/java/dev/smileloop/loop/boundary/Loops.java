package dev.smileloop.loop.boundary;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.agent.control.AgentFactory;
import dev.smileloop.loop.control.LoopEngine;
import dev.smileloop.loop.control.LoopRegistry;
import dev.smileloop.loop.control.LoopSetup;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.loop.control.ReportSink;
import dev.smileloop.loop.control.StartRequest;
import dev.smileloop.loop.entity.LoopEntry;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.problem.SmileException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The many loops of {@code /api/loops}, beside the one loop of {@link Orchestrator} (whose
 * endpoints keep working as they did). At most {@code smile.loops.concurrency} (default: the
 * machine's cores) run at once; each has its own engine and its folder {@code
 * <workDir>/.smile/loops/<id>/} for its state and reports. Their events go to the same CDI stream.
 */
@ApplicationScoped
public class Loops {

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Event<LoopEvent> events;

  @Inject Clock clock;

  @Inject AgentFactory agents;

  @Inject ReportSink reports;

  @Inject AccessPolicy access;

  private LoopRegistry registry;

  @PostConstruct
  void init() {
    Duration backoff = Duration.ofMillis(Long.getLong("smile.backoff.baseMillis", 1000));
    LoopEngine.Settings settings = new LoopEngine.Settings(3, backoff);
    registry =
        new LoopRegistry(
            sink ->
                new LoopEngine(
                    executor,
                    scheduler,
                    clock,
                    e -> {
                      events.fire(e);
                      sink.accept(e);
                    },
                    agents,
                    reports::publish,
                    settings),
            Orchestrator.workDir().resolve(".smile").resolve("loops"),
            configuredConcurrency(),
            clock);
  }

  @PreDestroy
  void shutdown() {
    registry.shutdown();
  }

  /** Queues a loop from a {@code POST /api/loops} body (the fields of {@code POST /api/loop}). */
  public LoopEntry submit(StartRequest request) {
    if (request.resume()) {
      throw SmileException.invalid("resume a crashed loop with POST /api/loop, not /api/loops");
    }
    return registry.submit(LoopSetup.of(request, Orchestrator.workDir(), access.paths()));
  }

  public List<LoopEntry> list() {
    return registry.list();
  }

  public LoopEntry get(String id) {
    return registry.get(id);
  }

  public LoopEntry stop(String id, String reason) {
    return registry.stop(id, reason);
  }

  public LoopSnapshot snapshot(String id) {
    return registry
        .snapshot(id)
        .orElseThrow(
            () ->
                new SmileException(
                    SmileException.Kind.NOT_FOUND,
                    "loop " + id + " " + whyNoReport(registry.get(id)) + ": it has no report"));
  }

  /** A loop without a snapshot never ran: queued, taken out of the queue, or failed to start. */
  private static String whyNoReport(LoopEntry entry) {
    return switch (entry.phase()) {
      case "queued" -> "is still queued";
      case "stopped" -> "was stopped before it ran";
      default ->
          entry.error() == null ? "never started" : "could not start (" + entry.error() + ")";
    };
  }

  public int concurrency() {
    return registry.concurrency();
  }

  private static int configuredConcurrency() {
    String value = System.getProperty("smile.loops.concurrency");
    if (value == null || value.isBlank()) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(
        "smile.loops.concurrency must be a whole number of 1 or more, was \"" + value + "\"");
  }
}
