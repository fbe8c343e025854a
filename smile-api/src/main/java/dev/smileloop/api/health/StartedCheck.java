package dev.smileloop.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/** UP once {@link SmileStartup} built the application; part of readiness as well as start-up. */
@Startup
@Readiness
@ApplicationScoped
public class StartedCheck implements HealthCheck {

  @Inject SmileStartup startup;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("started");
    if (startup.isReady()) {
      return response.up().build();
    }
    String failure = startup.failure();
    return response
        .down()
        .withData("reason", failure == null ? "the application is still starting" : failure)
        .build();
  }
}
