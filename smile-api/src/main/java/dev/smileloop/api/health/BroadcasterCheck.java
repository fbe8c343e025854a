package dev.smileloop.api.health;

import dev.smileloop.ws.boundary.EventBroadcaster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The {@code /ws} broadcaster runs: events reach clients. */
@Readiness
@ApplicationScoped
public class BroadcasterCheck implements HealthCheck {

  @Inject EventBroadcaster broadcaster;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("broadcaster");
    if (!broadcaster.isRunning()) {
      return response.down().withData("reason", "the /ws broadcaster is shut down").build();
    }
    return response.up().withData("clients", broadcaster.clientCount()).build();
  }
}
