package dev.smileloop.api.health;

import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.ws.boundary.EventBroadcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Builds the application when it is deployed instead of on the first request: the work folders from
 * MicroProfile Config, the orchestrator (its engine and executors) and the event broadcaster. Until
 * that is done {@link StartupGate} answers every request with 503 and readiness is DOWN, so nothing
 * reports ready before every endpoint can serve.
 */
@ApplicationScoped
public class SmileStartup {

  private static final Logger LOG = Logger.getLogger(SmileStartup.class.getName());

  @Inject Orchestrator orchestrator;

  @Inject EventBroadcaster broadcaster;

  private volatile boolean ready;
  private volatile String failure;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object context) {
    try {
      java.nio.file.Path workDir;
      try {
        workDir = WorkFolders.apply();
      } catch (LinkageError noMicroProfile) {
        // A server without MicroProfile Config (GlassFish): system properties only.
        workDir = dev.smileloop.loop.boundary.Orchestrator.workDir();
      }
      orchestrator.status(); // creates the engine now
      broadcaster.clientCount(); // and the hub with its heartbeat
      ready = true;
      java.nio.file.Path folder = workDir;
      LOG.info(() -> "SMILE ready; work folder " + folder);
    } catch (RuntimeException e) {
      failure = e.toString();
      throw e;
    }
  }

  public boolean isReady() {
    return ready;
  }

  /** Why start-up failed, or null. */
  public String failure() {
    return failure;
  }
}
