package dev.smileloop.report.entity;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import java.time.Instant;
import java.util.List;

/**
 * The gap report of one loop (SPEC section 7). Every string in it has already passed the secret
 * redactor, so any renderer may print it as it is. Gaps and recommendations are in priority order;
 * the timeline and the audit trail in the order things happened. {@code environmentFindings} are
 * the failures this machine caused, kept apart from the gaps (they say nothing against the author);
 * {@code assumedEnvironment} is the manifest of what the tutorial relied on; {@code sinceLastRun}
 * compares the gaps with the previous run of the same tutorial, null when no run history is kept.
 */
public record Report(
    String schemaVersion,
    Instant generatedAt,
    ToolInfo tool,
    ReportSummary summary,
    List<Gap> gaps,
    List<Recommendation> recommendations,
    List<StepResult> steps,
    List<TimelineEntry> timeline,
    AuditTrail audit,
    List<EnvironmentFinding> environmentFindings,
    AssumedEnvironment assumedEnvironment,
    RunComparison sinceLastRun) {

  /** The version of the JSON format, bumped on any incompatible change. */
  public static final String SCHEMA_VERSION = "1.0";

  /** A report without run history: {@code sinceLastRun} is null (no history is kept). */
  public Report(
      String schemaVersion,
      Instant generatedAt,
      ToolInfo tool,
      ReportSummary summary,
      List<Gap> gaps,
      List<Recommendation> recommendations,
      List<StepResult> steps,
      List<TimelineEntry> timeline,
      AuditTrail audit) {
    this(
        schemaVersion,
        generatedAt,
        tool,
        summary,
        gaps,
        recommendations,
        steps,
        timeline,
        audit,
        List.of(),
        null,
        null);
  }

  /** The same report, compared with the previous run of its tutorial. */
  public Report withSinceLastRun(RunComparison comparison) {
    return new Report(
        schemaVersion,
        generatedAt,
        tool,
        summary,
        gaps,
        recommendations,
        steps,
        timeline,
        audit,
        environmentFindings,
        assumedEnvironment,
        comparison);
  }

  public Report {
    gaps = List.copyOf(gaps == null ? List.of() : gaps);
    recommendations = List.copyOf(recommendations == null ? List.of() : recommendations);
    steps = List.copyOf(steps == null ? List.of() : steps);
    timeline = List.copyOf(timeline == null ? List.of() : timeline);
    environmentFindings =
        List.copyOf(environmentFindings == null ? List.of() : environmentFindings);
    assumedEnvironment =
        assumedEnvironment == null ? AssumedEnvironment.empty() : assumedEnvironment;
  }
}
