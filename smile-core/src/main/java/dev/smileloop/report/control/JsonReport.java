package dev.smileloop.report.control;

import static dev.smileloop.report.control.JsonSupport.ints;
import static dev.smileloop.report.control.JsonSupport.put;
import static dev.smileloop.report.control.JsonSupport.strings;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.json.Jsonp;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import dev.smileloop.report.entity.AuditTrail;
import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.FileAudit;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.IterationAudit;
import dev.smileloop.report.entity.LlmCall;
import dev.smileloop.report.entity.Recommendation;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.StepResult;
import dev.smileloop.report.entity.TimelineEntry;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

/**
 * The machine report, {@code smile-report.json}, in the shape documented by {@code
 * smile-report.schema.json}: every property always present (null when unknown), names in camelCase,
 * enum values in snake_case, times in ISO-8601 UTC.
 */
final class JsonReport {

  private JsonReport() {}

  static String render(Report report) {
    JsonObjectBuilder root =
        Jsonp.createObjectBuilder().add("schemaVersion", report.schemaVersion());
    put(root, "generatedAt", report.generatedAt());
    JsonObjectBuilder tool = Jsonp.createObjectBuilder();
    put(tool, "name", report.tool().name());
    put(tool, "version", report.tool().version());
    put(tool, "informationUri", report.tool().informationUri());
    root.add("tool", tool);
    root.add(
        "summary",
        summary(report.summary()).add("sinceLastRun", HistoryJson.summary(report.sinceLastRun())));
    JsonArrayBuilder gaps = Jsonp.createArrayBuilder();
    report.gaps().forEach(g -> gaps.add(HistoryJson.mark(gap(g), g, report.sinceLastRun())));
    root.add("gaps", gaps);
    JsonArrayBuilder recommendations = Jsonp.createArrayBuilder();
    report.recommendations().forEach(r -> recommendations.add(recommendation(r)));
    root.add("recommendations", recommendations);
    JsonArrayBuilder steps = Jsonp.createArrayBuilder();
    report.steps().forEach(s -> steps.add(step(s)));
    root.add("steps", steps);
    JsonArrayBuilder timeline = Jsonp.createArrayBuilder();
    report.timeline().forEach(e -> timeline.add(timelineEntry(e)));
    root.add("timeline", timeline);
    root.add("audit", audit(report.audit()));
    JsonArrayBuilder findings = Jsonp.createArrayBuilder();
    report.environmentFindings().forEach(f -> findings.add(finding(f)));
    root.add("environmentFindings", findings);
    root.add("assumedEnvironment", assumedEnvironment(report.assumedEnvironment()));
    return JsonSupport.pretty(root.build());
  }

  private static JsonObjectBuilder summary(ReportSummary s) {
    JsonObjectBuilder summary = Jsonp.createObjectBuilder();
    put(summary, "loopId", s.loopId());
    summary.add("status", s.status().wireName());
    put(summary, "reason", s.reason());
    summary.add("iterations", s.iterations()).add("maxIterations", s.maxIterations());
    put(summary, "startedAt", s.startedAt());
    put(summary, "endedAt", s.endedAt());
    summary.add("durationMillis", s.durationMillis());
    JsonObjectBuilder tutorial = Jsonp.createObjectBuilder();
    put(tutorial, "name", s.tutorialName());
    put(tutorial, "path", s.tutorialPath());
    put(tutorial, "uri", s.tutorialUri());
    summary.add("tutorial", tutorial);
    summary.add(
        "gapCounts",
        Jsonp.createObjectBuilder()
            .add("critical", s.gapCounts().critical())
            .add("major", s.gapCounts().major())
            .add("minor", s.gapCounts().minor())
            .add("total", s.gapCounts().total()));
    summary.add("environmentFindings", s.environmentFindings());
    summary.add("environmentPreventedValidation", s.environmentPreventedValidation());
    return summary;
  }

  private static JsonObjectBuilder finding(EnvironmentFinding f) {
    JsonObjectBuilder finding = Jsonp.createObjectBuilder();
    put(finding, "kind", f.kind());
    put(finding, "line", f.line());
    put(finding, "quote", f.quote());
    put(finding, "step", f.step());
    put(finding, "command", f.command());
    put(finding, "evidence", f.evidence());
    put(finding, "advice", f.advice());
    return finding;
  }

  private static JsonObjectBuilder assumedEnvironment(AssumedEnvironment manifest) {
    JsonArrayBuilder entries = Jsonp.createArrayBuilder();
    for (ManifestEntry e : manifest.entries()) {
      JsonObjectBuilder entry = Jsonp.createObjectBuilder();
      put(entry, "name", e.name());
      entry.add("kind", e.kind());
      put(entry, "version", e.version());
      entry.add("status", e.status()).add("declared", e.declared()).add("baseline", e.baseline());
      put(entry, "line", e.line());
      entries.add(entry);
    }
    return Jsonp.createObjectBuilder()
        .add("baseline", strings(manifest.baseline()))
        .add("entries", entries);
  }

  private static JsonObjectBuilder gap(Gap g) {
    JsonObjectBuilder gap = Jsonp.createObjectBuilder().add("id", g.id());
    put(gap, "title", g.title());
    gap.add("kind", g.kind().wireName()).add("severity", g.severity().wireName());
    JsonObjectBuilder location = Jsonp.createObjectBuilder().add("line", g.location().line());
    put(location, "quote", g.location().quote());
    put(location, "heading", g.location().heading());
    gap.add("location", location);
    put(gap, "problem", g.problem());
    put(gap, "suggestedFix", g.suggestedFix());
    gap.add("fixCommands", strings(g.fixCommands()));
    gap.add("resolved", g.resolved());
    gap.add("iterations", ints(g.iterations()));
    JsonArrayBuilder history = Jsonp.createArrayBuilder();
    for (GapOccurrence o : g.history()) {
      JsonObjectBuilder occurrence =
          Jsonp.createObjectBuilder()
              .add("iteration", o.iteration())
              .add("outcome", o.outcome().wireName());
      put(occurrence, "trigger", o.trigger());
      put(occurrence, "problem", o.problem());
      occurrence.add("attempted", strings(o.attempted()));
      JsonArrayBuilder failed = Jsonp.createArrayBuilder();
      o.failedCommands().forEach(c -> failed.add(command(c)));
      occurrence.add("failedCommands", failed);
      put(occurrence, "mentorAnswer", o.mentorAnswer());
      history.add(occurrence);
    }
    gap.add("history", history);
    return gap;
  }

  private static JsonObjectBuilder command(CommandRecord c) {
    JsonObjectBuilder command = Jsonp.createObjectBuilder();
    put(command, "command", c.command());
    command.add("line", c.line());
    put(command, "step", c.step());
    command.add("exitCode", c.exitCode());
    put(command, "outputExcerpt", c.outputExcerpt());
    command
        .add("durationMillis", c.durationMillis())
        .add("timedOut", c.timedOut())
        .add("fromMentor", c.fromMentor());
    if (c.limit() != null) {
      command.add("limit", c.limit());
    }
    return command;
  }

  private static JsonObjectBuilder recommendation(Recommendation r) {
    JsonObjectBuilder recommendation =
        Jsonp.createObjectBuilder()
            .add("priority", r.priority())
            .add("severity", r.severity().wireName())
            .add("gapId", r.gapId())
            .add("line", r.line());
    return put(recommendation, "text", r.text());
  }

  private static JsonObjectBuilder step(StepResult s) {
    JsonObjectBuilder step = Jsonp.createObjectBuilder();
    put(step, "heading", s.heading());
    step.add("line", s.line())
        .add("outcome", s.outcome().wireName())
        .add("durationMillis", s.durationMillis());
    step.add("gapIds", strings(s.gapIds()));
    return put(step, "message", s.message());
  }

  private static JsonObjectBuilder timelineEntry(TimelineEntry e) {
    JsonObjectBuilder entry = Jsonp.createObjectBuilder();
    put(entry, "timestamp", e.timestamp());
    entry.add("iteration", e.iteration()).add("event", e.event().wireName());
    return put(entry, "detail", e.detail());
  }

  private static JsonObjectBuilder audit(AuditTrail audit) {
    JsonArrayBuilder iterations = Jsonp.createArrayBuilder();
    for (IterationAudit i : audit.iterations()) {
      JsonObjectBuilder iteration = Jsonp.createObjectBuilder().add("iteration", i.iteration());
      put(iteration, "startedAt", i.startedAt());
      put(iteration, "endedAt", i.endedAt());
      put(iteration, "reportedAt", i.reportedAt());
      put(iteration, "studentStatus", i.studentStatus());
      put(iteration, "trigger", i.trigger());
      iteration.add("line", i.line());
      put(iteration, "step", i.step());
      put(iteration, "problem", i.problem());
      put(iteration, "question", i.question());
      put(iteration, "summary", i.summary());
      put(iteration, "mentorAnswer", i.mentorAnswer());
      put(iteration, "mentorAnsweredAt", i.mentorAnsweredAt());
      iterations.add(iteration);
    }
    JsonArrayBuilder commands = Jsonp.createArrayBuilder();
    for (CommandAudit c : audit.commands()) {
      JsonObjectBuilder command =
          Jsonp.createObjectBuilder().add("sequence", c.sequence()).add("iteration", c.iteration());
      put(command, "startedAt", c.startedAt());
      put(command, "command", c.command());
      command.add("line", c.line());
      put(command, "step", c.step());
      put(command, "exitCode", c.exitCode());
      put(command, "durationMillis", c.durationMillis());
      command.add("timedOut", c.timedOut()).add("fromMentor", c.fromMentor());
      put(command, "outputExcerpt", c.outputExcerpt());
      commands.add(command);
    }
    JsonArrayBuilder files = Jsonp.createArrayBuilder();
    for (FileAudit f : audit.files()) {
      JsonObjectBuilder file = Jsonp.createObjectBuilder().add("iteration", f.iteration());
      put(file, "timestamp", f.timestamp());
      files.add(put(file, "path", f.path()));
    }
    JsonArrayBuilder calls = Jsonp.createArrayBuilder();
    for (LlmCall c : audit.llmCalls()) {
      JsonObjectBuilder call = Jsonp.createObjectBuilder().add("iteration", c.iteration());
      put(call, "role", c.role());
      put(call, "provider", c.provider());
      put(call, "model", c.model());
      put(call, "startedAt", c.startedAt());
      call.add("durationMillis", c.durationMillis());
      put(call, "outcome", c.outcome());
      put(call, "endedAt", c.endedAt());
      put(call, "promptTokens", c.promptTokens());
      put(call, "outputTokens", c.outputTokens());
      put(call, "tokenSource", c.tokenSource());
      call.add("retries", c.retries());
      put(call, "stopReason", c.stopReason());
      put(call, "parseStrategy", c.parseStrategy());
      put(call, "rawOutput", c.rawOutput());
      JsonArrayBuilder tools = Jsonp.createArrayBuilder();
      c.toolCalls().forEach(tools::add);
      call.add("toolCalls", tools);
      calls.add(put(call, "message", c.message()));
    }
    return Jsonp.createObjectBuilder()
        .add("iterations", iterations)
        .add("commands", commands)
        .add("files", files)
        .add("llmCalls", calls);
  }
}
