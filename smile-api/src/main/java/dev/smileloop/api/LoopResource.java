package dev.smileloop.api;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.api.command.InvalidCommandException;
import dev.smileloop.api.command.MentorResultCommand;
import dev.smileloop.api.command.StartLoopCommand;
import dev.smileloop.api.command.StopCommand;
import dev.smileloop.api.command.StudentResultCommand;
import dev.smileloop.api.error.ErrorBody;
import dev.smileloop.api.security.BearerToken;
import dev.smileloop.json.Jsonp;
import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.control.CallbackReply;
import dev.smileloop.loop.control.StateMasking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The loop's REST contract (SPEC section 5 plus {@code POST /api/loop}). Bodies arrive as checked
 * command records ({@code dev.smileloop.api.command}), so a malformed or mistyped body gets a 400
 * that names the field; handlers never wait for an agent. States leave masked ({@link
 * StateMasking}); {@code GET /api/status} without the API token shows only the loop's progress.
 */
@Path("")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoopResource {

  @Inject Orchestrator orchestrator;

  @Inject AccessPolicy access;

  @Context UriInfo uri;

  @Inject StatusCache statusCache;

  private StateMasking masking;

  @PostConstruct
  void init() {
    masking = statusCache.masking();
  }

  /** 202 with the new loop's state and its {@code callbackToken} for external agents. */
  @POST
  @Path("loop")
  public Response start(StartLoopCommand command) {
    JsonObject state =
        masking.full(orchestrator.start(InvalidCommandException.required(command).toRequest()));
    String callbackToken = access.newCallbackToken();
    // The loop runs on; its state is observed at /api/status (RFC 9110: 202 may point there).
    return Response.accepted(
            Jsonp.createObjectBuilder(state).add("callbackToken", callbackToken).build())
        .location(uri.getBaseUriBuilder().path("status").build())
        .build();
  }

  @GET
  @Path("status")
  public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    try {
      var state = orchestrator.status();
      boolean owner = access.isApiToken(BearerToken.of(authorization));
      return Response.ok(owner ? statusCache.full(state) : statusCache.reduced(state))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    } catch (RuntimeException e) {
      return ErrorBody.response(503, "the orchestrator is unhealthy: " + e.getMessage());
    }
  }

  @POST
  @Path("student/result")
  public CallbackReply studentResult(StudentResultCommand command) {
    return orchestrator.studentResult(InvalidCommandException.required(command).output());
  }

  @POST
  @Path("mentor/result")
  public CallbackReply mentorResult(MentorResultCommand command) {
    MentorResultCommand result = InvalidCommandException.required(command);
    return orchestrator.mentorResult(result.mentorOutput(), result.isUnresolvable());
  }

  @POST
  @Path("stop")
  public JsonObject stop(StopCommand command) {
    String reason = (command == null ? new StopCommand(null) : command).reasonOrDefault();
    return Jsonp.createObjectBuilder()
        .add("stopped", true)
        .add("finalState", masking.full(orchestrator.stop(reason)))
        .build();
  }
}
