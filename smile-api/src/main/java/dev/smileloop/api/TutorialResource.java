package dev.smileloop.api;

import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.problem.SmileException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/tutorial}: the Markdown the current (or last) loop works on, and who plays its
 * agents, so the dashboard can show the tutorial line by line and offer the mentor form.
 */
@Path("tutorial")
@Produces(MediaType.APPLICATION_JSON)
public class TutorialResource {

  @Inject Orchestrator orchestrator;

  @GET
  public LoopTutorial current() {
    LoopSnapshot loop =
        orchestrator
            .snapshot()
            .orElseThrow(
                () ->
                    new SmileException(
                        SmileException.Kind.NOT_FOUND,
                        "no loop has run on this server yet; start one with POST /api/loop"));
    return new LoopTutorial(
        loop.state().loopId(),
        loop.tutorial().name(),
        loop.tutorial().markdown(),
        loop.config().llmProvider().wireName(),
        loop.config().mentor().wireName());
  }

  /** {@code {"loopId", "name", "content", "llmProvider", "mentor"}}. */
  public record LoopTutorial(
      String loopId, String name, String content, String llmProvider, String mentor) {}
}
