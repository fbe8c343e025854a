package dev.smileloop.report.control;

import static dev.smileloop.report.control.MarkdownText.cell;
import static dev.smileloop.report.control.MarkdownText.cellProse;
import static dev.smileloop.report.control.MarkdownText.fence;
import static dev.smileloop.report.control.MarkdownText.inline;
import static dev.smileloop.report.control.MarkdownText.inlineProse;
import static dev.smileloop.report.control.MarkdownText.prose;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.EnvironmentKind;
import dev.smileloop.report.entity.FileAudit;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.LlmCall;
import dev.smileloop.report.entity.Recommendation;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.TimelineEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report, {@code smile-report.md}: summary, gaps, environment findings, the assumed
 * environment, recommendations, timeline, audit.
 */
final class MarkdownReport {

  private final StringBuilder out = new StringBuilder();

  static String render(Report report) {
    return new MarkdownReport().write(report);
  }

  private String write(Report report) {
    ReportSummary s = report.summary();
    line("# SMILE report: " + inline(s.tutorialName()));
    blank();
    line(verdict(report));
    summary(report);
    gaps(report);
    environmentFindings(report);
    assumedEnvironment(report);
    out.append(HistoryMarkdown.section(report));
    recommendations(report);
    timeline(report);
    audit(report);
    return out.toString().stripTrailing() + "\n";
  }

  private static String verdict(Report report) {
    ReportSummary s = report.summary();
    int gaps = s.gapCounts().total();
    if (s.status() == LoopStatus.NOTHING_TO_VALIDATE) {
      return "**Result: nothing_to_validate.** The Student found nothing to run or write ("
          + inline(s.reason() == null ? "" : s.reason())
          + "), so nothing was checked: this is not a clean result.";
    }
    String outcome =
        switch (s.status()) {
          case COMPLETED -> "The Student completed the tutorial";
          case BLOCKER -> "The Student could not complete the tutorial";
          case MAX_ITERATIONS -> "The loop gave up after its last iteration";
          case TIMEOUT -> "The loop ran out of time";
          case ERROR -> "The loop stopped on an error";
          case STOPPED -> "The loop was stopped on request";
          case AGENT_ERROR ->
              "The loop stopped on an agent error (the model's fault, not the tutorial's)";
          default -> "The loop is still " + s.status().wireName().replace('_', ' ');
        };
    String found =
        gaps == 0
            ? "no gaps were found."
            : gaps
                + (gaps == 1 ? " gap was" : " gaps were")
                + " found: "
                + s.gapCounts().critical()
                + " critical, "
                + s.gapCounts().major()
                + " major, "
                + s.gapCounts().minor()
                + " minor.";
    String environment = "";
    if (s.environmentPreventedValidation()) {
      environment =
          " This machine prevented validation: "
              + s.environmentFindings()
              + (s.environmentFindings() == 1 ? " environment finding" : " environment findings")
              + " (not gaps of the tutorial) kept steps from being validated; see Environment"
              + " findings.";
    } else if (s.environmentFindings() > 0) {
      environment =
          " "
              + s.environmentFindings()
              + (s.environmentFindings() == 1
                  ? " step was not validated because of this machine"
                  : " steps were not validated because of this machine")
              + " (see Environment findings).";
    }
    return "**Result: "
        + inline(s.status().wireName())
        + ".** "
        + outcome
        + "; "
        + found
        + environment;
  }

  /** Failures this machine caused: apart from the gaps, because the author cannot fix them. */
  private void environmentFindings(Report report) {
    heading("## Environment findings");
    if (report.environmentFindings().isEmpty()) {
      line("None: no step failed because of the machine that ran the check.");
      blank();
      return;
    }
    line(
        "These steps failed because of the machine that ran the check, not because of the"
            + " tutorial. They are not gaps, and they were not validated.");
    blank();
    int n = 0;
    for (EnvironmentFinding f : report.environmentFindings()) {
      n++;
      EnvironmentKind kind = EnvironmentKind.of(f.kind());
      boolean hasLine = f.line() != null && f.line() >= 1;
      heading("### E" + n + " · " + kind.label() + (hasLine ? " at line " + f.line() : ""));
      String where = hasLine ? "line " + f.line() : "unknown line";
      if (f.step() != null && !f.step().isBlank()) {
        where += ", step “" + f.step() + "”";
      }
      line("**Location:** " + inline(where));
      blank();
      if (f.quote() != null && !f.quote().isBlank()) {
        line(MarkdownText.quote(f.quote()));
        blank();
      }
      if (f.command() != null && !f.command().isBlank()) {
        line("**Command:**");
        blank();
        line(fence(f.command(), "sh"));
        blank();
      }
      if (f.evidence() != null && !f.evidence().isBlank()) {
        paragraph("**Evidence:** ", f.evidence());
      }
      paragraph("**What to do:** ", f.advice() == null ? kind.advice() : f.advice());
    }
  }

  /** The manifest: what the tutorial relied on, declared or assumed, and what this machine has. */
  private void assumedEnvironment(Report report) {
    AssumedEnvironment manifest = report.assumedEnvironment();
    heading("## Assumed environment");
    line(
        "Baseline (what every reader is assumed to have): "
            + (manifest.baseline().isEmpty()
                ? "nothing."
                : inline(String.join(", ", manifest.baseline())) + "."));
    blank();
    if (manifest.entries().isEmpty()) {
      line("No command of the tutorial ran, so nothing is listed.");
      blank();
      return;
    }
    line("| Name | Kind | Version here | Status | First used |");
    line("| --- | --- | --- | --- | ---: |");
    for (ManifestEntry e : manifest.entries()) {
      line(
          "| "
              + cell(e.name())
              + " | "
              + cell(e.kind().replace('_', ' '))
              + " | "
              + cell(e.version() == null ? "—" : e.version())
              + " | "
              + cell(e.status())
              + " | "
              + (e.line() == null ? "—" : "line " + e.line())
              + " |");
    }
    blank();
  }

  private void summary(Report report) {
    ReportSummary s = report.summary();
    heading("## Summary");
    line("| Item | Value |");
    line("| --- | --- |");
    row("Status", s.status().wireName());
    if (s.reason() != null && !s.reason().isBlank()) {
      row("Reason", s.reason());
    }
    row(
        "Iterations",
        s.maxIterations() > 0
            ? s.iterations() + " of " + s.maxIterations()
            : String.valueOf(s.iterations()));
    row("Duration", ReportTexts.duration(s.durationMillis()));
    row("Started", ReportTexts.human(s.startedAt()));
    row("Ended", ReportTexts.human(s.endedAt()));
    row("Tutorial", s.tutorialPath());
    if (s.environmentFindings() > 0) {
      row(
          "Environment findings",
          s.environmentFindings()
              + (s.environmentPreventedValidation() ? " (they prevented validation)" : ""));
    }
    row(
        "Gaps",
        s.gapCounts().critical()
            + " critical, "
            + s.gapCounts().major()
            + " major, "
            + s.gapCounts().minor()
            + " minor");
    if (s.loopId() != null) {
      row("Loop", s.loopId());
    }
    row(
        "Report",
        ReportTexts.human(report.generatedAt())
            + " by "
            + report.tool().name()
            + " "
            + report.tool().version());
  }

  private void gaps(Report report) {
    heading("## Gaps");
    if (report.gaps().isEmpty()) {
      line(
          report.summary().environmentPreventedValidation()
              ? "None in what could be checked: environment findings (below) kept some steps"
                  + " from being validated."
              : report.summary().status() == LoopStatus.COMPLETED
                  ? "None: a learner can follow this tutorial as written."
                  : "None recorded before the loop ended; see the timeline for where it stopped.");
      blank();
      return;
    }
    for (Gap gap : report.gaps()) {
      gap(gap);
    }
  }

  private void gap(Gap gap) {
    heading(
        "### " + inline(gap.id()) + " · " + gap.severity().label() + " · " + inline(gap.title()));
    String where =
        gap.hasLine()
            ? "line " + gap.location().line()
            : "unknown line (the agent did not say where)";
    if (gap.location().heading() != null && !gap.location().heading().isBlank()) {
      where += ", step “" + gap.location().heading() + "”";
    }
    line("**Location:** " + inline(where));
    blank();
    if (!gap.location().quote().isBlank()) {
      line(MarkdownText.quote(gap.location().quote()));
      blank();
    }
    paragraph("**Problem:** ", gap.problem());
    line("**Suggested fix:**");
    blank();
    line(
        prose(
            gap.suggestedFix() == null || gap.suggestedFix().isBlank() ? "—" : gap.suggestedFix()));
    blank();
    if (!gap.fixCommands().isEmpty()) {
      line("**Commands after which the step passed:**");
      blank();
      line(fence(String.join("\n", gap.fixCommands()), "sh"));
      blank();
    }
    line(
        "**Severity:** "
            + gap.severity().wireName()
            + " ("
            + inline(gap.kind().label().toLowerCase(Locale.ROOT))
            + "; "
            + resolution(gap)
            + ")");
    blank();
    line(
        "**History:** met in iteration"
            + (gap.iterations().size() == 1 ? " " : "s ")
            + String.join(", ", gap.iterations().stream().map(String::valueOf).toList())
            + ".");
    blank();
    line("| Iteration | Outcome | Problem | What was tried | Mentor's answer |");
    line("| --- | --- | --- | --- | --- |");
    for (GapOccurrence o : gap.history()) {
      List<String> tried = new ArrayList<>(o.attempted());
      o.failedCommands().forEach(c -> tried.add(c.command() + " (" + exit(c) + ")"));
      line(
          "| "
              + o.iteration()
              + " | "
              + outcome(o.outcome())
              + " | "
              + cellProse(o.problem())
              + " | "
              + cellProse(String.join("; ", tried))
              + " | "
              + cellProse(o.mentorAnswer() == null ? "—" : flattenFences(o.mentorAnswer()))
              + " |");
    }
    blank();
    failedCommands(gap);
  }

  /** Each distinct failing command once, with the iterations it failed in and its output. */
  private void failedCommands(Gap gap) {
    Map<String, List<Integer>> iterations = new LinkedHashMap<>();
    Map<String, CommandRecord> commands = new LinkedHashMap<>();
    for (GapOccurrence o : gap.history()) {
      for (CommandRecord c : o.failedCommands()) {
        String key = c.command() + "\u0000" + exit(c) + "\u0000" + c.outputExcerpt();
        commands.putIfAbsent(key, c);
        List<Integer> seen = iterations.computeIfAbsent(key, k -> new ArrayList<>());
        if (!seen.contains(o.iteration())) {
          seen.add(o.iteration());
        }
      }
    }
    if (commands.isEmpty()) {
      return;
    }
    line("**Failed commands:**");
    blank();
    for (Map.Entry<String, CommandRecord> entry : commands.entrySet()) {
      CommandRecord c = entry.getValue();
      List<Integer> seen = iterations.get(entry.getKey());
      String text =
          "# iteration"
              + (seen.size() == 1 ? " " : "s ")
              + String.join(", ", seen.stream().map(String::valueOf).toList())
              + (c.line() > 0 ? ", line " + c.line() : "")
              + ", "
              + exit(c)
              + ", "
              + c.durationMillis()
              + " ms\n$ "
              + c.command()
              + (c.outputExcerpt() == null || c.outputExcerpt().isBlank()
                  ? ""
                  : "\n" + c.outputExcerpt());
      line(fence(text, "console"));
      blank();
    }
  }

  /** A multi-line command (a here-document) shown by its first line; the JSON has all of it. */
  private static String firstLine(String command) {
    List<String> lines = MarkdownText.clean(command).strip().lines().toList();
    return lines.size() <= 1
        ? String.join("", lines)
        : lines.get(0) + " … (" + lines.size() + " lines)";
  }

  private static String resolution(Gap gap) {
    if (gap.severity() == Severity.MINOR) {
      return "the learner got past it alone";
    }
    return gap.resolved() ? "got past in a later iteration" : "unresolved when the loop ended";
  }

  private static String exit(CommandRecord c) {
    return c.timedOut() ? "timed out" : "exit " + c.exitCode();
  }

  private static String outcome(GapOccurrence.Outcome outcome) {
    return switch (outcome) {
      case ASK_MENTOR -> "asked the Mentor";
      case CANNOT_COMPLETE -> "could not complete";
      case RECOVERED -> "got past it alone";
    };
  }

  private void recommendations(Report report) {
    heading("## Recommendations");
    if (report.recommendations().isEmpty()) {
      line("Nothing to change.");
      blank();
      return;
    }
    for (Recommendation r : report.recommendations()) {
      line(
          r.priority()
              + ". **"
              + r.severity().label()
              + "** ("
              + inline(r.gapId())
              + "): "
              + inlineProse(r.text()));
    }
    blank();
  }

  private void timeline(Report report) {
    heading("## Timeline");
    line("| Time (UTC) | Iteration | Event | Detail |");
    line("| --- | --- | --- | --- |");
    for (TimelineEntry e : report.timeline()) {
      line(
          "| "
              + cell(ReportTexts.iso(e.timestamp()))
              + " | "
              + (e.iteration() > 0 ? e.iteration() : "—")
              + " | "
              + e.event().wireName().replace('_', ' ')
              + " | "
              + cell(GapAnalysis.shorten(e.detail(), 200))
              + " |");
    }
    blank();
  }

  private void audit(Report report) {
    heading("## Audit trail");
    heading("### Commands");
    List<CommandAudit> commands = report.audit().commands();
    if (commands.isEmpty()) {
      line("None recorded.");
      blank();
    } else {
      line("| # | Iteration | Line | Exit | Duration | Source | Command |");
      line("| ---: | ---: | ---: | ---: | ---: | --- | --- |");
      for (CommandAudit c : commands) {
        String exit =
            c.timedOut()
                ? "timed out"
                : c.exitCode() == null ? "unknown" : String.valueOf(c.exitCode());
        String duration = c.durationMillis() == null ? "unknown" : c.durationMillis() + " ms";
        String source = c.fromMentor() ? "Mentor's fix" : c.line() > 0 ? "tutorial" : "learner";
        line(
            "| "
                + c.sequence()
                + " | "
                + c.iteration()
                + " | "
                + (c.line() > 0 ? c.line() : "—")
                + " | "
                + cell(exit)
                + " | "
                + cell(duration)
                + " | "
                + source
                + " | "
                + cell(firstLine(c.command()))
                + " |");
      }
      blank();
    }
    heading("### Files created");
    List<FileAudit> files = report.audit().files();
    if (files.isEmpty()) {
      line("None recorded.");
      blank();
    } else {
      for (FileAudit f : files) {
        line("- iteration " + f.iteration() + ": " + inline(f.path()));
      }
      blank();
    }
    heading("### LLM calls");
    List<LlmCall> calls = report.audit().llmCalls();
    if (calls.isEmpty()) {
      line("None recorded.");
      blank();
    } else {
      line(
          "| Iteration | Role | Provider | Model | Started | Duration | Outcome | Tokens (prompt/output)"
              + " | Retries | Stop | Parse | Tool calls |");
      line("| ---: | --- | --- | --- | --- | ---: | --- | ---: | ---: | --- | --- | --- |");
      for (LlmCall c : calls) {
        line(
            "| "
                + c.iteration()
                + " | "
                + cell(c.role())
                + " | "
                + cell(c.provider())
                + " | "
                + cell(c.model())
                + " | "
                + cell(ReportTexts.iso(c.startedAt()))
                + " | "
                + c.durationMillis()
                + " ms | "
                + cell(c.outcome())
                + " | "
                + (c.promptTokens() == null ? "" : c.promptTokens() + " / " + c.outputTokens())
                + ("counted".equals(c.tokenSource()) ? " (counted)" : "")
                + " | "
                + c.retries()
                + " | "
                + cell(c.stopReason())
                + " | "
                + cell(c.parseStrategy())
                + " | "
                + cell(String.join("; ", c.toolCalls()))
                + " |");
      }
      blank();
    }
  }

  private void row(String name, String value) {
    line("| " + name + " | " + cell(value) + " |");
  }

  /** A table cell holds one line: the fence lines of a fenced block are dropped, its code stays. */
  private static String flattenFences(String text) {
    return text.replaceAll("(?m)^\\s*(```|~~~)[A-Za-z0-9_+-]*\\s*$", "");
  }

  private void paragraph(String label, String text) {
    String body = prose(text == null || text.isBlank() ? "—" : text);
    line(label + body);
    blank();
  }

  private void heading(String text) {
    if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
      blank();
    }
    line(text);
    blank();
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void blank() {
    out.append('\n');
  }
}
