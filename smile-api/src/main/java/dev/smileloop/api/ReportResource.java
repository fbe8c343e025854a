package dev.smileloop.api;

import dev.smileloop.loop.boundary.Orchestrator;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.problem.SmileException;
import dev.smileloop.report.boundary.ReportPublisher;
import dev.smileloop.report.entity.ReportFormat;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The gap report of the current or last loop, in any of its formats: {@code GET /api/report} (JSON)
 * and {@code GET /api/report/{markdown|json|audit|junit|sarif}}. While a loop runs it shows what is
 * known so far. Reports mask secrets themselves; reading them needs the API token.
 */
@Path("report")
public class ReportResource {

  @Inject Orchestrator orchestrator;

  @Inject ReportPublisher reports;

  @GET
  public Response json() {
    return format("json");
  }

  @GET
  @Path("{format}")
  public Response format(@PathParam("format") String name) {
    ReportFormat format =
        ReportFormat.parse(name)
            .orElseThrow(
                () ->
                    new SmileException(
                        SmileException.Kind.NOT_FOUND,
                        "no report format \""
                            + name
                            + "\"; use one of "
                            + Arrays.stream(ReportFormat.values())
                                .map(ReportFormat::wireName)
                                .collect(Collectors.joining(", "))));
    LoopSnapshot loop =
        orchestrator
            .snapshot()
            .orElseThrow(
                () ->
                    new SmileException(
                        SmileException.Kind.NOT_FOUND,
                        "no loop has run on this server yet; start one with POST /api/loop"));
    return Response.ok(reports.render(loop, format), format.mediaType())
        .header("Content-Disposition", "inline; filename=\"" + format.fileName() + "\"")
        .build();
  }
}
