package dev.smileloop.history.control;

import dev.smileloop.history.entity.RunDetail;
import dev.smileloop.history.entity.RunFinding;
import dev.smileloop.history.entity.RunGap;
import dev.smileloop.history.entity.RunSummary;
import dev.smileloop.report.entity.FixedGap;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.RunComparison;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a finished, compared report into the run the history stores. */
public final class RunRecords {

  private RunRecords() {}

  /**
   * The run of {@code report} (already marked by {@code report.sinceLastRun()}), whose JSON
   * document is {@code reportJson}.
   */
  public static RunDetail of(
      Report report,
      String reportJson,
      TutorialIdentity tutorial,
      JsonValue config,
      Instant recordedAt) {
    RunComparison comparison = report.sinceLastRun();
    ReportFacts facts = new ReportFacts(reportJson);
    List<RunFinding> findings = facts.environmentFindings();
    List<RunGap> gaps = new ArrayList<>();
    for (Gap g : report.gaps()) {
      String quote = g.location().quote();
      int line = g.location().line();
      int span = quote == null || quote.isEmpty() ? 0 : (int) quote.lines().count() - 1;
      gaps.add(
          new RunGap(
              g.id(),
              g.kind().wireName(),
              g.severity().wireName(),
              g.title(),
              line,
              line + Math.max(0, span),
              quote,
              g.location().heading(),
              g.problem(),
              g.suggestedFix(),
              comparison == null ? null : comparison.change(g).wireName()));
    }
    List<FixedGap> fixed = comparison == null ? List.of() : comparison.fixed();
    for (FixedGap f : fixed) {
      gaps.add(
          new RunGap(
              null,
              f.kind().wireName(),
              f.severity().wireName(),
              f.title(),
              f.line(),
              f.line(),
              f.quote(),
              f.heading(),
              null,
              null,
              GapChange.FIXED.wireName()));
    }
    ReportSummary s = report.summary();
    RunSummary run =
        new RunSummary(
            0,
            s.loopId() == null ? "" : s.loopId(),
            tutorial.key(),
            tutorial.path(),
            tutorial.name() != null ? tutorial.name() : s.tutorialName(),
            tutorial.sha256(),
            s.status().wireName(),
            s.reason(),
            s.iterations(),
            s.maxIterations(),
            s.startedAt(),
            s.endedAt(),
            s.durationMillis(),
            recordedAt,
            s.gapCounts().critical(),
            s.gapCounts().major(),
            s.gapCounts().minor(),
            fixed.size(),
            findings.size(),
            comparison == null ? null : comparison.previousRunId());
    return new RunDetail(run, gaps, findings, config, facts.manifest(), facts.document());
  }
}
