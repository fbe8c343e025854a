package dev.smileloop.report.control;

import static dev.smileloop.report.control.JsonSupport.ints;
import static dev.smileloop.report.control.JsonSupport.put;
import static dev.smileloop.report.control.JsonSupport.strings;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.json.Jsonp;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.EnvironmentKind;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;

/**
 * The gaps as SARIF 2.1.0 ({@code smile-report.sarif}), so code-scanning tools show them as
 * findings on the tutorial's lines: one rule per gap kind, one result per gap, and apart from them
 * one note-level rule per environment kind ({@code environment/network}, ...) with a result per
 * environment finding. The tutorial is addressed relative to {@code SRCROOT}; when a source root is
 * configured it is declared in {@code originalUriBaseIds}, otherwise the consumer (a CI upload, an
 * IDE) supplies its own.
 */
final class SarifReport {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String SRCROOT = "SRCROOT";

  private SarifReport() {}

  static String render(Report report, URI sourceRoot) {
    ReportSummary s = report.summary();
    JsonObjectBuilder driver = Jsonp.createObjectBuilder();
    put(driver, "name", report.tool().name());
    put(driver, "version", report.tool().version());
    if (report.tool().informationUri() != null) {
      driver.add("informationUri", report.tool().informationUri());
    }
    JsonArrayBuilder rules = Jsonp.createArrayBuilder();
    for (GapKind kind : GapKind.values()) {
      rules.add(
          Jsonp.createObjectBuilder()
              .add("id", kind.wireName())
              .add("name", pascal(kind.wireName()))
              .add("shortDescription", text(kind.label()))
              .add("fullDescription", text(kind.description()))
              .add("help", text(kind.advice()))
              .add("defaultConfiguration", Jsonp.createObjectBuilder().add("level", "warning")));
    }
    for (EnvironmentKind kind : EnvironmentKind.values()) {
      rules.add(
          Jsonp.createObjectBuilder()
              .add("id", kind.ruleId())
              .add("name", "Environment" + pascal(kind.wireName()))
              .add("shortDescription", text(kind.label()))
              .add("fullDescription", text(kind.description()))
              .add("help", text(kind.advice()))
              .add("defaultConfiguration", Jsonp.createObjectBuilder().add("level", "note")));
    }
    driver.add("rules", rules);

    JsonObjectBuilder run =
        Jsonp.createObjectBuilder().add("tool", Jsonp.createObjectBuilder().add("driver", driver));
    if (sourceRoot != null) {
      run.add(
          "originalUriBaseIds",
          Jsonp.createObjectBuilder()
              .add(SRCROOT, Jsonp.createObjectBuilder().add("uri", directory(sourceRoot))));
    }
    run.add("invocations", Jsonp.createArrayBuilder().add(invocation(s)));
    run.add(
        "artifacts",
        Jsonp.createArrayBuilder()
            .add(
                Jsonp.createObjectBuilder()
                    .add("location", artifactLocation(s))
                    .add("mimeType", "text/markdown")
                    .add("encoding", "utf-8")
                    .add("sourceLanguage", "markdown")));
    JsonArrayBuilder results = Jsonp.createArrayBuilder();
    report.gaps().forEach(g -> results.add(result(g, s)));
    report.environmentFindings().forEach(f -> results.add(result(f, s)));
    run.add("results", results);
    run.add("columnKind", "unicodeCodePoints");

    return JsonSupport.pretty(
        Jsonp.createObjectBuilder()
            .add("$schema", SCHEMA)
            .add("version", "2.1.0")
            .add("runs", Jsonp.createArrayBuilder().add(run))
            .build());
  }

  private static JsonObjectBuilder invocation(ReportSummary s) {
    // The tool ran fine whenever the loop reached an end of its own: a gap is a finding, not a
    // failure.
    JsonObjectBuilder invocation =
        Jsonp.createObjectBuilder().add("executionSuccessful", s.status() != LoopStatus.ERROR);
    if (s.startedAt() != null) {
      invocation.add("startTimeUtc", ReportTexts.iso(s.startedAt()));
    }
    if (s.endedAt() != null) {
      invocation.add("endTimeUtc", ReportTexts.iso(s.endedAt()));
    }
    JsonObjectBuilder properties =
        Jsonp.createObjectBuilder()
            .add("loopStatus", s.status().wireName())
            .add("iterations", s.iterations());
    put(properties, "reason", s.reason());
    put(properties, "loopId", s.loopId());
    return invocation.add("properties", properties);
  }

  private static JsonObjectBuilder result(Gap gap, ReportSummary s) {
    JsonObjectBuilder region =
        Jsonp.createObjectBuilder().add("startLine", gap.hasLine() ? gap.location().line() : 1);
    if (gap.hasLine() && !gap.location().quote().isBlank()) {
      region.add("snippet", text(gap.location().quote()));
    }
    JsonObjectBuilder physical =
        Jsonp.createObjectBuilder()
            .add("artifactLocation", artifactLocation(s).add("index", 0))
            .add("region", region);
    String message =
        gap.title()
            + ". "
            + gap.problem()
            + (gap.hasLine() ? "" : " (The agent did not say where; shown at the first line.)");
    JsonObjectBuilder properties =
        Jsonp.createObjectBuilder()
            .add("gapId", gap.id())
            .add("severity", gap.severity().wireName())
            .add("suggestion", suggestion(gap))
            .add("fixCommands", strings(gap.fixCommands()))
            .add("iterations", ints(gap.iterations()))
            .add("resolved", gap.resolved());
    put(properties, "step", gap.location().heading());
    return Jsonp.createObjectBuilder()
        .add("ruleId", gap.kind().wireName())
        .add("ruleIndex", gap.kind().ordinal())
        .add("kind", "fail")
        .add("level", gap.severity().sarifLevel())
        .add("message", text(message))
        .add(
            "locations",
            Jsonp.createArrayBuilder()
                .add(Jsonp.createObjectBuilder().add("physicalLocation", physical)))
        .add("properties", properties);
  }

  /** An environment finding: a note under its own rule, never a warning against the tutorial. */
  private static JsonObjectBuilder result(EnvironmentFinding finding, ReportSummary s) {
    EnvironmentKind kind = EnvironmentKind.of(finding.kind());
    boolean hasLine = finding.line() != null && finding.line() >= 1;
    JsonObjectBuilder region =
        Jsonp.createObjectBuilder().add("startLine", hasLine ? finding.line() : 1);
    if (hasLine && finding.quote() != null && !finding.quote().isBlank()) {
      region.add("snippet", text(finding.quote()));
    }
    String message =
        kind.label()
            + (hasLine ? " at line " + finding.line() : "")
            + ": this machine, not the tutorial, made the step fail"
            + (finding.evidence() == null ? "." : " ('" + finding.evidence() + "').")
            + " The step was not validated.";
    JsonObjectBuilder properties =
        Jsonp.createObjectBuilder()
            .add("environmentKind", finding.kind() == null ? "" : finding.kind());
    put(properties, "command", finding.command());
    put(properties, "advice", finding.advice());
    put(properties, "step", finding.step());
    return Jsonp.createObjectBuilder()
        .add("ruleId", kind.ruleId())
        .add("ruleIndex", GapKind.values().length + kind.ordinal())
        .add("kind", "fail")
        .add("level", "note")
        .add("message", text(message))
        .add(
            "locations",
            Jsonp.createArrayBuilder()
                .add(
                    Jsonp.createObjectBuilder()
                        .add(
                            "physicalLocation",
                            Jsonp.createObjectBuilder()
                                .add("artifactLocation", artifactLocation(s).add("index", 0))
                                .add("region", region))))
        .add("properties", properties);
  }

  private static String suggestion(Gap gap) {
    String suggestion = gap.suggestedFix() == null ? "" : gap.suggestedFix();
    if (!gap.fixCommands().isEmpty()) {
      suggestion +=
          (suggestion.isEmpty() ? "" : "\n")
              + "Commands after which the step passed: "
              + String.join("; ", gap.fixCommands());
    }
    return suggestion;
  }

  private static JsonObjectBuilder artifactLocation(ReportSummary s) {
    return Jsonp.createObjectBuilder().add("uri", s.tutorialUri()).add("uriBaseId", SRCROOT);
  }

  private static JsonObjectBuilder text(String text) {
    return Jsonp.createObjectBuilder().add("text", text == null ? "" : text);
  }

  /** SARIF wants a base URI to end with a slash, or the last segment would be replaced. */
  private static String directory(URI root) {
    String text = root.toString();
    return text.endsWith("/") ? text : text + "/";
  }

  private static String pascal(String snake) {
    StringBuilder name = new StringBuilder();
    for (String part : snake.split("_")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }
}
