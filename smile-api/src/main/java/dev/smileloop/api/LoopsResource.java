package dev.smileloop.api;

import dev.smileloop.api.command.InvalidCommandException;
import dev.smileloop.api.command.StartLoopCommand;
import dev.smileloop.api.command.StopCommand;
import dev.smileloop.loop.boundary.Loops;
import dev.smileloop.loop.control.StateMasking;
import dev.smileloop.loop.entity.LoopEntry;
import dev.smileloop.problem.SmileException;
import dev.smileloop.report.boundary.ReportPublisher;
import dev.smileloop.report.entity.ReportFormat;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Many loops on one server: {@code POST /api/loops} (the body of {@code POST /api/loop}) queues a
 * loop and answers 202 with its entry; {@code GET /api/loops}, {@code GET /api/loops/{id}}, {@code
 * POST /api/loops/{id}/stop} and {@code GET /api/loops/{id}/report/{format}}. Bodies must be JSON
 * and every answer leaves masked, as for the single loop.
 */
@Path("loops")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LoopsResource {

  @Inject Loops loops;

  @Inject ReportPublisher reports;

  @Inject StatusCache statusCache;

  private StateMasking masking;

  /** The server's one masking (a Jsonb and the environment's secrets), not one per request. */
  @PostConstruct
  void init() {
    masking = statusCache.masking();
  }

  @POST
  public Response submit(StartLoopCommand command) {
    return Response.accepted(
            masking.masked(loops.submit(InvalidCommandException.required(command).toRequest())))
        .build();
  }

  @GET
  public JsonValue list() {
    return masking.masked(new LoopList(loops.list(), loops.concurrency()));
  }

  @GET
  @Path("{id}")
  public JsonValue get(@PathParam("id") String id) {
    return masking.masked(loops.get(id));
  }

  @POST
  @Path("{id}/stop")
  public JsonValue stop(@PathParam("id") String id, StopCommand command) {
    String reason = (command == null ? new StopCommand(null) : command).reasonOrDefault();
    return masking.masked(loops.stop(id, reason));
  }

  @GET
  @Path("{id}/report/{format}")
  public Response report(@PathParam("id") String id, @PathParam("format") String name) {
    ReportFormat format =
        ReportFormat.parse(name)
            .orElseThrow(
                () ->
                    new SmileException(
                        SmileException.Kind.NOT_FOUND, "no report format \"" + name + "\""));
    return Response.ok(reports.render(loops.snapshot(id), format), format.mediaType()).build();
  }

  /** {@code {"items": [LoopEntry...], "concurrency": N}}. */
  public record LoopList(List<LoopEntry> items, int concurrency) {}
}
