package dev.smileloop.loop.boundary;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.agent.control.AgentFactory;
import dev.smileloop.loop.control.CallbackReply;
import dev.smileloop.loop.control.CallbackRequests;
import dev.smileloop.loop.control.JsonBodies;
import dev.smileloop.loop.control.LoopEngine;
import dev.smileloop.loop.control.LoopRequests;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.loop.control.ReportSink;
import dev.smileloop.loop.control.StateStore;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The one loop of this instance, as the boundaries (REST, WebSocket, CLI) see it. Requests arrive
 * as raw JSON bodies and are validated in the core, so every boundary reports the same errors. The
 * loop runs on the container's managed executor and fires its transitions as CDI events.
 */
@ApplicationScoped
public class Orchestrator {

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ManagedScheduledExecutorService scheduler;

  @Inject Event<LoopEvent> events;

  @Inject Clock clock;

  @Inject AgentFactory agents;

  @Inject ReportSink reports;

  @Inject AccessPolicy access;

  private LoopEngine engine;

  @PostConstruct
  void init() {
    Duration backoff = Duration.ofMillis(Long.getLong("smile.backoff.baseMillis", 1000));
    engine =
        new LoopEngine(
            executor,
            scheduler,
            clock,
            events::fire,
            agents,
            reports::publish,
            new LoopEngine.Settings(3, backoff));
  }

  /** A loop running at shutdown stays resumable: it is left, not stopped. */
  @PreDestroy
  void shutdown() {
    engine.shutdown();
  }

  /** Starts a loop from a {@code POST /api/loop} body (or resumes one with {@code "resume"}). */
  public LoopState start(String body) {
    var json = JsonBodies.object(body, false);
    if (JsonBodies.bool(json, "resume")) {
      Path stateFile = LoopRequests.config(json, workDir(), access.paths()).stateFilePath();
      StateStore.requireStateFileOrAbsent(stateFile);
      return engine.resume(stateFile);
    }
    return engine.start(LoopRequests.parse(json, workDir(), access.paths()));
  }

  public LoopState status() {
    return engine.status();
  }

  public Optional<LoopSnapshot> snapshot() {
    return engine.snapshot();
  }

  public CallbackReply studentResult(String body) {
    return engine.studentResult(CallbackRequests.student(JsonBodies.object(body, false)));
  }

  public CallbackReply mentorResult(String body) {
    var result = CallbackRequests.mentor(JsonBodies.object(body, false));
    return engine.mentorResult(result.notes(), result.unresolvable());
  }

  public LoopState stop(String body) {
    return engine.stop(CallbackRequests.stopReason(JsonBodies.object(body, true)));
  }

  /**
   * Where relative paths in requests resolve: {@code smile.workDir}, else the working directory.
   */
  public static Path workDir() {
    return AccessPolicy.workDir();
  }
}
