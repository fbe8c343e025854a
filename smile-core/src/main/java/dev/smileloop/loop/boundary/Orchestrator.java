package dev.smileloop.loop.boundary;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.agent.control.AgentFactory;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.loop.control.CallbackReply;
import dev.smileloop.loop.control.LoopEngine;
import dev.smileloop.loop.control.LoopSetup;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.loop.control.ReportSink;
import dev.smileloop.loop.control.StartRequest;
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
 * typed (the boundaries bind and check their bodies); what needs the server's files and state —
 * paths, configuration, tutorial, the loop's state — is checked here, so every boundary reports the
 * same errors. The loop runs on the container's managed executor and fires its transitions as CDI
 * events.
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

  /** Starts a loop (or resumes the one persisted in the configuration's state file). */
  public LoopState start(StartRequest request) {
    if (request.resume()) {
      Path stateFile = LoopSetup.config(request, workDir(), access.paths()).stateFilePath();
      StateStore.requireStateFileOrAbsent(stateFile);
      return engine.resume(stateFile);
    }
    return engine.start(LoopSetup.of(request, workDir(), access.paths()));
  }

  public LoopState status() {
    return engine.status();
  }

  public Optional<LoopSnapshot> snapshot() {
    return engine.snapshot();
  }

  public CallbackReply studentResult(StudentOutput output) {
    return engine.studentResult(output);
  }

  public CallbackReply mentorResult(String notes, boolean unresolvable) {
    return engine.mentorResult(notes, unresolvable);
  }

  public LoopState stop(String reason) {
    return engine.stop(reason);
  }

  /**
   * Where relative paths in requests resolve: {@code smile.workDir}, else the working directory.
   */
  public static Path workDir() {
    return AccessPolicy.workDir();
  }
}
