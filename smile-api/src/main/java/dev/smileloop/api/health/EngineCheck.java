package dev.smileloop.api.health;

import dev.smileloop.loop.boundary.Orchestrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The loop engine answers and takes loops. A running loop does not make the server unready (the API
 * still serves it); {@code acceptsNewLoop} says whether a start would be refused for now.
 */
@Readiness
@ApplicationScoped
public class EngineCheck implements HealthCheck {

  @Inject Orchestrator orchestrator;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("engine");
    try {
      var state = orchestrator.status();
      return response
          .up()
          .withData("status", state.status().wireName())
          .withData("acceptsNewLoop", !state.status().isActive())
          .build();
    } catch (RuntimeException e) {
      return response.down().withData("reason", "the loop engine does not answer: " + e).build();
    }
  }
}
