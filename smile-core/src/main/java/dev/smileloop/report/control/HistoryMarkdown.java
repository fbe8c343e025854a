package dev.smileloop.report.control;

import static dev.smileloop.report.control.MarkdownText.cell;

import dev.smileloop.report.entity.FixedGap;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.RunComparison;

/**
 * The "Since the last run" section of {@code smile-report.md}: every gap marked new or still there,
 * and the previous run's gaps that are fixed. Empty when no run history is kept.
 */
final class HistoryMarkdown {

  private HistoryMarkdown() {}

  static String section(Report report) {
    RunComparison comparison = report.sinceLastRun();
    if (comparison == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("## Since the last run\n\n");
    if (comparison.previousRunId() == null) {
      out.append("This is the first recorded run of this tutorial: every gap is new.\n\n");
      return out.toString();
    }
    out.append("Compared with run ")
        .append(comparison.previousRunId())
        .append(" (")
        .append(ReportTexts.human(comparison.previousRunAt()))
        .append("): ")
        .append(comparison.count(GapChange.NEW))
        .append(" new, ")
        .append(comparison.count(GapChange.STILL_THERE))
        .append(" still there, ")
        .append(comparison.count(GapChange.FIXED))
        .append(" fixed.\n\n");
    if (report.gaps().isEmpty() && comparison.fixed().isEmpty()) {
      return out.toString();
    }
    out.append("| Change | Gap | Severity | Line | Title |\n| --- | --- | --- | --- | --- |\n");
    for (Gap gap : report.gaps()) {
      row(
          out,
          comparison.change(gap),
          gap.id(),
          gap.severity().wireName(),
          gap.location().line(),
          gap.title());
    }
    for (FixedGap gap : comparison.fixed()) {
      row(out, GapChange.FIXED, "—", gap.severity().wireName(), gap.line(), gap.title());
    }
    return out.append('\n').toString();
  }

  private static void row(
      StringBuilder out, GapChange change, String id, String severity, int line, String title) {
    out.append("| ")
        .append(change.wireName().replace('_', ' '))
        .append(" | ")
        .append(cell(id))
        .append(" | ")
        .append(severity)
        .append(" | ")
        .append(line > 0 ? String.valueOf(line) : "—")
        .append(" | ")
        .append(cell(title == null ? "" : title))
        .append(" |\n");
  }
}
