package dev.smileloop.api.metrics;

import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.report.boundary.ReportPublisher;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.ws.boundary.EventBroadcaster;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts what the loop does, from its events: loops started and ended (by outcome), iterations,
 * Student reports (by status), commands run, gaps found (by kind and severity, from the report of
 * each finished loop), and how long each agent call took (a timer per role: for external agents
 * that is the time until their callback). The {@code /ws} figures are gauges over the broadcaster's
 * running totals. The observer runs on the loop's thread, so it only counts; the report for the gap
 * counts is built on a managed thread.
 */
@ApplicationScoped
public class LoopMetrics {

  private static final Logger LOG = Logger.getLogger(LoopMetrics.class.getName());

  @Inject MetricRegistry registry;

  @Inject EventBroadcaster broadcaster;

  @Inject Orchestrator orchestrator;

  @Inject ReportPublisher reports;

  @Resource ManagedExecutorService executor;

  private String lastLoopId;
  private Instant studentSince;
  private Instant mentorSince;

  /** Registers the {@code /ws} gauges when the application starts, before any loop. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    registry.gauge("smile_ws_sessions_open", broadcaster, b -> b.stats().open());
    registry.gauge("smile_ws_events_published", broadcaster, b -> b.stats().published());
    registry.gauge("smile_ws_events_queued", broadcaster, b -> b.stats().queued());
    registry.gauge("smile_ws_events_dropped", broadcaster, b -> b.stats().dropped());
    registry.gauge("smile_ws_events_replayed", broadcaster, b -> b.stats().replayed());
  }

  synchronized void onEvent(@Observes LoopEvent event) {
    try {
      count(event);
    } catch (RuntimeException e) {
      // Metrics must never disturb the loop.
      LOG.log(Level.WARNING, "could not count " + event.getClass().getSimpleName(), e);
    }
  }

  private void count(LoopEvent event) {
    if (event instanceof LoopEvent.IterationStarted started) {
      String loopId = started.state().loopId();
      if (!Objects.equals(loopId, lastLoopId)) {
        lastLoopId = loopId;
        registry.counter("smile_loops_started").inc();
      }
      registry.counter("smile_iterations").inc();
      studentSince = started.timestamp();
    } else if (event instanceof LoopEvent.StudentReported reported) {
      var output = reported.output();
      registry
          .counter("smile_student_reports", new Tag("status", output.status().wireName()))
          .inc();
      // Commands are counted once, from the Student's report (progress events repeat them).
      registry
          .counter("smile_commands_run")
          .inc(Math.max(output.commands().size(), output.commandsRun().size()));
      time("student", studentSince, reported.state().updatedAt());
      mentorSince = reported.state().updatedAt();
    } else if (event instanceof LoopEvent.MentorAnswered answered) {
      time("mentor", mentorSince, answered.state().updatedAt());
    } else if (event instanceof LoopEvent.LoopCompleted completed) {
      registry
          .counter("smile_loops_ended", new Tag("outcome", completed.status().wireName()))
          .inc();
      countGaps();
    } else if (event instanceof LoopEvent.LoopError) {
      registry.counter("smile_loop_errors").inc();
    }
  }

  private void time(String role, Instant since, Instant until) {
    if (since != null && until != null && !until.isBefore(since)) {
      registry
          .timer("smile_agent_call", new Tag("role", role))
          .update(Duration.between(since, until));
    }
  }

  /** The finished loop's gaps, by kind and severity, counted off the loop's thread. */
  private void countGaps() {
    var finished = orchestrator.snapshot();
    if (finished.isEmpty()) {
      return;
    }
    Runnable task =
        () -> {
          try {
            for (Gap gap : reports.report(finished.get()).gaps()) {
              registry
                  .counter(
                      "smile_gaps_found",
                      new Tag("kind", gap.kind().wireName()),
                      new Tag("severity", gap.severity().wireName()))
                  .inc();
            }
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not count the gaps of the last loop", e);
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.fine("shutting down: the last loop's gaps are not counted");
    }
  }
}
