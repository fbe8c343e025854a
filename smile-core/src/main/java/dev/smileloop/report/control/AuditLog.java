package dev.smileloop.report.control;

import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.FileAudit;
import dev.smileloop.report.entity.IterationAudit;
import dev.smileloop.report.entity.LlmCall;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The raw log, {@code smile-audit.log}: one event per line, an ISO-8601 UTC timestamp first, then
 * {@code iteration=N} when the event belongs to one, the event name and {@code key=value} fields.
 * Numbers and flags are bare; text is always double-quoted with {@code \"}, {@code \\}, {@code \n},
 * {@code \r}, {@code \t} and {@code \\uXXXX} escapes, so no value can break a line or forge a
 * field. Built for grep and awk, e.g. {@code 2026-11-26T18:00:01.123Z iteration=1 command line=20
 * exit=127 duration_ms=4 cmd="tree demo"}.
 */
final class AuditLog {

  private record Entry(Instant timestamp, int order, String text) {}

  private final List<Entry> entries = new ArrayList<>();
  private Instant fallback;

  private AuditLog(Instant fallback) {
    this.fallback = fallback;
  }

  static String render(Report report) {
    ReportSummary s = report.summary();
    AuditLog log = new AuditLog(s.startedAt() != null ? s.startedAt() : report.generatedAt());
    return log.write(report);
  }

  private String write(Report report) {
    ReportSummary s = report.summary();
    add(
        s.startedAt(),
        0,
        "loop_start"
            + field("loop_id", s.loopId())
            + field("tutorial", s.tutorialPath())
            + " max_iterations="
            + s.maxIterations());
    for (IterationAudit i : report.audit().iterations()) {
      add(i.startedAt(), i.iteration(), "iteration_start");
      if (i.studentStatus() != null) {
        add(
            i.reportedAt(),
            i.iteration(),
            "student status="
                + i.studentStatus()
                + (i.trigger() == null ? "" : " trigger=" + token(i.trigger()))
                + " line="
                + i.line()
                + optional("step", i.step())
                + optional("problem", i.problem())
                + optional("question", i.question())
                + optional("summary", i.summary()));
      }
      if (i.mentorAnswer() != null) {
        add(i.mentorAnsweredAt(), i.iteration(), "mentor" + field("answer", i.mentorAnswer()));
      }
      if (i.endedAt() != null) {
        add(i.endedAt(), i.iteration(), "iteration_end");
      }
    }
    for (CommandAudit c : report.audit().commands()) {
      StringBuilder line = new StringBuilder("command");
      line.append(" line=").append(c.line());
      line.append(" exit=").append(c.exitCode() == null ? "unknown" : c.exitCode());
      line.append(" duration_ms=")
          .append(c.durationMillis() == null ? "unknown" : c.durationMillis());
      line.append(field("cmd", c.command()));
      line.append(" seq=").append(c.sequence());
      if (c.timedOut()) {
        line.append(" timed_out=true");
      }
      if (c.fromMentor()) {
        line.append(" from_mentor=true");
      }
      if (c.step() != null) {
        line.append(field("step", c.step()));
      }
      if (c.outputExcerpt() != null && !c.outputExcerpt().isEmpty()) {
        line.append(field("output", c.outputExcerpt()));
      }
      add(c.startedAt(), c.iteration(), line.toString());
    }
    for (FileAudit f : report.audit().files()) {
      add(f.timestamp(), f.iteration(), "file" + field("path", f.path()));
    }
    for (LlmCall c : report.audit().llmCalls()) {
      add(
          c.startedAt(),
          c.iteration(),
          "llm_call"
              + field("role", c.role())
              + field("provider", c.provider())
              + field("model", c.model())
              + " duration_ms="
              + c.durationMillis()
              + field("outcome", c.outcome())
              + (c.promptTokens() == null ? "" : " prompt_tokens=" + c.promptTokens())
              + (c.outputTokens() == null ? "" : " output_tokens=" + c.outputTokens())
              + present("tokens", c.tokenSource())
              + (c.retries() == 0 ? "" : " retries=" + c.retries())
              + present("stop", c.stopReason())
              + present("parse", c.parseStrategy())
              + (c.toolCalls().isEmpty() ? "" : field("tools", String.join("; ", c.toolCalls())))
              + present("message", c.message())
              + present("raw", c.rawOutput()));
    }
    report
        .gaps()
        .forEach(
            g ->
                add(
                    s.endedAt(),
                    0,
                    "gap id="
                        + g.id()
                        + " severity="
                        + g.severity().wireName()
                        + " kind="
                        + g.kind().wireName()
                        + " line="
                        + g.location().line()
                        + " iterations="
                        + String.join(",", g.iterations().stream().map(String::valueOf).toList())
                        + " resolved="
                        + g.resolved()
                        + field("title", g.title())));
    report
        .environmentFindings()
        .forEach(
            f ->
                add(
                    s.endedAt(),
                    0,
                    "environment kind="
                        + token(f.kind() == null ? "other" : f.kind())
                        + " line="
                        + (f.line() == null ? 0 : f.line())
                        + optional("cmd", f.command())
                        + optional("evidence", f.evidence())
                        + optional("step", f.step())));
    report
        .assumedEnvironment()
        .entries()
        .forEach(
            e ->
                add(
                    s.endedAt(),
                    0,
                    "assumed kind="
                        + e.kind()
                        + " status="
                        + e.status()
                        + " line="
                        + (e.line() == null ? 0 : e.line())
                        + field("name", e.name())
                        + optional("version", e.version())));
    if (s.status().isTerminal()) {
      add(
          s.endedAt(),
          0,
          "loop_end status="
              + s.status().wireName()
              + " iterations="
              + s.iterations()
              + " duration_ms="
              + s.durationMillis()
              + (s.environmentPreventedValidation() ? " environment_prevented_validation=true" : "")
              + optional("reason", s.reason()));
    } else {
      add(
          report.generatedAt(),
          0,
          "snapshot status=" + s.status().wireName() + " iterations=" + s.iterations());
    }
    add(
        report.generatedAt(),
        0,
        "report_generated" + field("tool", report.tool().name() + " " + report.tool().version()));

    // Events without a known time take the time of the event before them.
    List<Entry> timed = new ArrayList<>();
    for (Entry entry : entries) {
      if (entry.timestamp() != null) {
        fallback = entry.timestamp();
      }
      timed.add(
          new Entry(
              entry.timestamp() != null ? entry.timestamp() : fallback,
              timed.size(),
              entry.text()));
    }
    // A stable sort keeps same-time events in the order they were added (start before commands).
    timed.sort(Comparator.comparing(Entry::timestamp).thenComparingInt(Entry::order));
    StringBuilder out = new StringBuilder();
    timed.forEach(
        e -> out.append(ReportTexts.iso(e.timestamp())).append(' ').append(e.text()).append('\n'));
    return out.toString();
  }

  private void add(Instant timestamp, int iteration, String text) {
    entries.add(
        new Entry(
            timestamp,
            entries.size(),
            (iteration > 0 ? "iteration=" + iteration + " " : "") + text));
  }

  /** A quoted text field with a leading space, or nothing when the value is null. */
  private static String optional(String key, String value) {
    return value == null ? "" : field(key, value);
  }

  /** A bare word value (a trigger name); anything but letters, digits, '_' and '-' becomes '_'. */
  private static String token(String value) {
    String clean = value.replaceAll("[^A-Za-z0-9_\\-]", "_");
    return clean.isEmpty() ? "_" : clean;
  }

  /** A quoted text field, or nothing when the value is null. */
  private static String present(String key, String value) {
    return value == null ? "" : field(key, value);
  }

  /** A quoted text field with a leading space; a null value is written as {@code key=null}. */
  static String field(String key, String value) {
    if (value == null) {
      return " " + key + "=null";
    }
    StringBuilder quoted =
        new StringBuilder(value.length() + 8).append(' ').append(key).append("=\"");
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                  if (Character.getType(cp) == Character.CONTROL
                      || cp == 0x2028
                      || cp == 0x2029
                      || cp == 0x85) {
                    quoted.append(String.format("\\u%04x", cp));
                  } else {
                    quoted.appendCodePoint(cp);
                  }
                }
              }
            });
    return quoted.append('"').toString();
  }
}
