package dev.smileloop.api.health;

import dev.smileloop.api.error.ErrorBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Every API request answers 503 until {@link SmileStartup} has built the application. */
@Provider
@PreMatching
public class StartupGate implements ContainerRequestFilter {

  @Inject SmileStartup startup;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!startup.isReady()) {
      String why = startup.failure();
      request.abortWith(
          ErrorBody.response(
              503,
              why == null
                  ? "SMILE is starting; try again in a moment (see /health/ready)"
                  : "SMILE failed to start: " + why));
    }
  }
}
