package dev.smileloop.api;

import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.control.CallbackReply;
import dev.smileloop.loop.entity.LoopState;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The loop's REST contract (SPEC section 5 plus {@code POST /api/loop}). Bodies arrive as text and
 * are validated in the core, so a malformed or mistyped body gets a 400 that says what is wrong;
 * handlers never wait for an agent.
 */
@Path("")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
@Produces(MediaType.APPLICATION_JSON)
public class LoopResource {

  @Inject Orchestrator orchestrator;

  @Context UriInfo uri;

  @POST
  @Path("loop")
  public Response start(String body) {
    // The loop runs on; its state is observed at /api/status (RFC 9110: 202 may point there).
    return Response.accepted(orchestrator.start(body))
        .location(uri.getBaseUriBuilder().path("status").build())
        .build();
  }

  @GET
  @Path("status")
  public Response status() {
    try {
      return Response.ok(orchestrator.status()).build();
    } catch (RuntimeException e) {
      return ErrorBody.response(503, "the orchestrator is unhealthy: " + e.getMessage());
    }
  }

  @POST
  @Path("student/result")
  public CallbackReply studentResult(String body) {
    return orchestrator.studentResult(body);
  }

  @POST
  @Path("mentor/result")
  public CallbackReply mentorResult(String body) {
    return orchestrator.mentorResult(body);
  }

  @POST
  @Path("stop")
  public StopReply stop(String body) {
    return new StopReply(true, orchestrator.stop(body));
  }

  /** {@code {"stopped": true, "finalState": LoopState}}. */
  public record StopReply(boolean stopped, LoopState finalState) {}
}
