package dev.smileloop.api;

import dev.smileloop.history.boundary.RunHistory;
import dev.smileloop.history.control.RunQueries;
import dev.smileloop.history.entity.RunDetail;
import dev.smileloop.history.entity.RunPage;
import dev.smileloop.problem.SmileException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The run history: {@code GET /api/runs?tutorial=&outcome=&from=&to=&page=&size=} (newest first,
 * {@code {"items", "total", "page", "size"}}) and {@code GET /api/runs/{id}} (everything stored
 * about one run). Parameters arrive as text so a bad one is a 400 that names it.
 */
@Path("runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

  @Inject RunHistory history;

  @GET
  public RunPage list(
      @QueryParam("tutorial") String tutorial,
      @QueryParam("outcome") String outcome,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    return history.list(RunQueries.parse(tutorial, outcome, from, to, page, size));
  }

  @GET
  @Path("{id}")
  public RunDetail run(@PathParam("id") String id) {
    long number;
    try {
      number = Long.parseLong(id.strip());
    } catch (NumberFormatException e) {
      throw new SmileException(
          SmileException.Kind.INVALID_INPUT, "a run id is a whole number, was \"" + id + "\"");
    }
    return history
        .find(number)
        .orElseThrow(
            () ->
                new SmileException(
                    SmileException.Kind.NOT_FOUND, "no run " + number + " in the history"));
  }
}
