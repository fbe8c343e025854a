package dev.smileloop.history.boundary;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.AuditTrail;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapCounts;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.ToolInfo;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Finished runs as the report component hands them to the history. */
final class Runs {

  static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");

  private Runs() {}

  static Gap gap(String id, GapKind kind, Severity severity, int line, String quote) {
    GapOccurrence.Outcome outcome =
        severity == Severity.CRITICAL
            ? GapOccurrence.Outcome.CANNOT_COMPLETE
            : severity == Severity.MAJOR
                ? GapOccurrence.Outcome.ASK_MENTOR
                : GapOccurrence.Outcome.RECOVERED;
    return new Gap(
        id,
        kind.label() + " at line " + line,
        kind,
        severity,
        new TutorialLocation(line, quote, "Step"),
        "it failed",
        "fix it",
        List.of(),
        false,
        List.of(
            new GapOccurrence(
                1, outcome, kind.wireName(), "it failed", List.of(), List.of(), null)));
  }

  static Report report(String loopId, LoopStatus status, Instant endedAt, List<Gap> gaps) {
    int critical = (int) gaps.stream().filter(g -> g.severity() == Severity.CRITICAL).count();
    int major = (int) gaps.stream().filter(g -> g.severity() == Severity.MAJOR).count();
    int minor = gaps.size() - critical - major;
    Instant started = endedAt.minusSeconds(30);
    return new Report(
        Report.SCHEMA_VERSION,
        endedAt,
        new ToolInfo("SMILE Loop", "test", null),
        new ReportSummary(
            loopId,
            status,
            null,
            2,
            5,
            started,
            endedAt,
            30_000,
            "tutorial",
            "tutorial.md",
            "tutorial.md",
            new GapCounts(critical, major, minor),
            0,
            false),
        gaps,
        List.of(),
        List.of(),
        List.of(),
        new AuditTrail(List.of(), List.of(), List.of(), List.of()));
  }

  static LoopSnapshot loop(String loopId, Path tutorialFile, String markdown) {
    Tutorial tutorial = new Tutorial("tutorial", tutorialFile, tutorialFile.getParent(), markdown);
    SmileConfig config = SmileConfig.defaults(tutorialFile.getParent());
    LoopState state =
        new LoopState(
            loopId,
            LoopStatus.COMPLETED,
            2,
            5,
            "tutorial.md",
            List.of(),
            List.of(),
            T0,
            T0,
            null,
            null);
    return new LoopSnapshot(state, tutorial, config);
  }

  /** A clock that moves a minute on every reading, so each stored run has its own time. */
  static final class SteppingClock extends Clock {
    private Instant now = T0;

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofMinutes(1));
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
