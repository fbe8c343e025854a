package dev.smileloop.history.boundary;

import static dev.smileloop.history.boundary.Runs.gap;
import static dev.smileloop.history.boundary.Runs.loop;
import static dev.smileloop.history.boundary.Runs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.history.control.HistorySettings;
import dev.smileloop.history.entity.RunDetail;
import dev.smileloop.history.entity.RunGap;
import dev.smileloop.history.entity.RunPage;
import dev.smileloop.history.entity.RunQuery;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.control.ReportRenderer;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.RunComparison;
import dev.smileloop.report.entity.Severity;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the run history does, on a real database: each subclass names one (embedded H2, a real
 * PostgreSQL). The schema is created by the Flyway migrations on each.
 */
abstract class RunHistoryContract {

  @TempDir Path folder;

  RunHistory history;
  Path tutorial;

  /** Settings of a fresh, empty database. */
  abstract HistorySettings freshDatabase() throws Exception;

  @BeforeEach
  void openHistory() throws Exception {
    history = new RunHistory(freshDatabase(), new Runs.SteppingClock());
    tutorial = Files.writeString(folder.resolve("tutorial.md"), "# T\n");
  }

  @Test
  void firstRunOfATutorialMarksEveryGapNewAndIsStoredWhole() {
    Report marked =
        history.remember(
            report(
                "loop-1",
                LoopStatus.COMPLETED,
                Runs.T0,
                List.of(
                    gap("G1", GapKind.COMMAND_FAILURE, Severity.MAJOR, 12, "./run.sh"),
                    gap("G2", GapKind.MISSING_DEPENDENCY, Severity.MINOR, 20, "tree demo"))),
            loop("loop-1", tutorial, "# T\n"));

    RunComparison since = marked.sinceLastRun();
    assertNull(since.previousRunId());
    assertEquals(GapChange.NEW, since.change(marked.gaps().get(0)));
    assertEquals(GapChange.NEW, since.change(marked.gaps().get(1)));

    RunPage page = history.list(new RunQuery(null, null, null, null, 1, 20));
    assertEquals(1, page.total());
    RunDetail run = history.find(page.items().get(0).id()).orElseThrow();
    assertEquals(tutorial.toAbsolutePath().toString(), run.run().tutorialPath());
    assertEquals(64, run.run().contentSha256().length());
    assertEquals("completed", run.run().outcome());
    assertEquals(1, run.run().gapsMajor());
    assertEquals(1, run.run().gapsMinor());
    assertEquals(30_000, run.run().durationMillis());
    assertEquals(
        List.of("command_failure", "missing_dependency"),
        run.gaps().stream().map(RunGap::kind).toList());
    assertEquals("./run.sh", run.gaps().get(0).quote());
    assertEquals(12, run.gaps().get(0).lineStart());
    assertEquals(10, run.config().asJsonObject().getInt("maxIterations"));
    JsonObject storedReport = run.report().asJsonObject();
    assertEquals(
        "new",
        storedReport.getJsonArray("gaps").getJsonObject(0).getString("sinceLastRun"),
        "the stored JSON report is the marked one");
  }

  @Test
  void secondRunWithOneGapFixedShowsItFixedAndTheOthersStillThereDespiteShiftedLines() {
    history.remember(
        report(
            "loop-1",
            LoopStatus.COMPLETED,
            Runs.T0,
            List.of(
                gap("G1", GapKind.COMMAND_FAILURE, Severity.MAJOR, 12, "./wc-notes notes"),
                gap("G2", GapKind.MISSING_DEPENDENCY, Severity.MAJOR, 20, "tree demo"))),
        loop("loop-1", tutorial, "# T\n"));

    // The author fixed the first gap by adding three lines above the second one.
    Report second =
        history.remember(
            report(
                "loop-2",
                LoopStatus.COMPLETED,
                Runs.T0.plusSeconds(3600),
                List.of(
                    gap("G1", GapKind.MISSING_DEPENDENCY, Severity.MAJOR, 23, "  tree   `demo` "),
                    gap("G2", GapKind.UNEXPECTED_OUTPUT, Severity.MINOR, 30, "cat out.txt"))),
            loop("loop-2", tutorial, "# T changed\n"));

    RunComparison since = second.sinceLastRun();
    assertTrue(since.previousRunId() != null);
    assertEquals(GapChange.STILL_THERE, since.change(second.gaps().get(0)));
    assertEquals(GapChange.NEW, since.change(second.gaps().get(1)));
    assertEquals(1, since.fixed().size());
    assertEquals(GapKind.COMMAND_FAILURE, since.fixed().get(0).kind());
    assertEquals("./wc-notes notes", since.fixed().get(0).quote());
    assertEquals(12, since.fixed().get(0).line());

    String json = new ReportRenderer().json(second);
    assertTrue(json.contains("\"stillThere\": 1"), json);
    String markdown = new ReportRenderer().markdown(second);
    assertTrue(markdown.contains("## Since the last run"), markdown);
    assertTrue(markdown.contains("| fixed | — | major | 12 |"), markdown);

    RunDetail stored = history.find(since.previousRunId() + 1).orElseThrow();
    assertEquals(1, stored.run().gapsFixed());
    assertEquals(since.previousRunId(), stored.run().previousRunId());
    assertEquals(
        List.of("still_there", "new", "fixed"),
        stored.gaps().stream().map(RunGap::sinceLastRun).toList());
  }

  @Test
  void aThirdRunComparesWithTheSecondNotTheFirst() {
    List<dev.smileloop.report.entity.Gap> one =
        List.of(gap("G1", GapKind.COMMAND_FAILURE, Severity.MAJOR, 12, "./run.sh"));
    history.remember(report("a", LoopStatus.COMPLETED, Runs.T0, one), loop("a", tutorial, "x"));
    history.remember(
        report("b", LoopStatus.COMPLETED, Runs.T0, List.of()), loop("b", tutorial, "y"));
    Report third =
        history.remember(report("c", LoopStatus.COMPLETED, Runs.T0, one), loop("c", tutorial, "x"));

    assertEquals(GapChange.NEW, third.sinceLastRun().change(third.gaps().get(0)));
    assertTrue(third.sinceLastRun().fixed().isEmpty(), "the fixed gap was reported once, by b");
  }

  @Test
  void theSameQuoteWithAnotherKindIsADifferentGap() {
    history.remember(
        report(
            "a",
            LoopStatus.COMPLETED,
            Runs.T0,
            List.of(gap("G1", GapKind.COMMAND_FAILURE, Severity.MAJOR, 12, "./run.sh"))),
        loop("a", tutorial, "x"));
    Report second =
        history.remember(
            report(
                "b",
                LoopStatus.COMPLETED,
                Runs.T0,
                List.of(gap("G1", GapKind.TIMEOUT, Severity.MAJOR, 12, "./run.sh"))),
            loop("b", tutorial, "x"));

    assertEquals(GapChange.NEW, second.sinceLastRun().change(second.gaps().get(0)));
    assertEquals(1, second.sinceLastRun().fixed().size());
  }

  @Test
  void runsOfAnotherTutorialAreNotCompared() throws Exception {
    Path other = Files.writeString(folder.resolve("other.md"), "# O\n");
    history.remember(
        report(
            "a",
            LoopStatus.COMPLETED,
            Runs.T0,
            List.of(gap("G1", GapKind.COMMAND_FAILURE, Severity.MAJOR, 12, "./run.sh"))),
        loop("a", tutorial, "x"));
    Report first =
        history.remember(
            report("b", LoopStatus.COMPLETED, Runs.T0, List.of()), loop("b", other, "x"));

    assertNull(first.sinceLastRun().previousRunId());
    assertTrue(first.sinceLastRun().fixed().isEmpty());
  }

  @Test
  void listingFiltersByTutorialOutcomeAndTimeAndPagesNewestFirst() throws Exception {
    Path other = Files.writeString(folder.resolve("other.md"), "# O\n");
    for (int i = 1; i <= 5; i++) {
      history.remember(
          report("t" + i, i == 3 ? LoopStatus.BLOCKER : LoopStatus.COMPLETED, Runs.T0, List.of()),
          loop("t" + i, tutorial, "x"));
    }
    history.remember(report("o", LoopStatus.COMPLETED, Runs.T0, List.of()), loop("o", other, "x"));

    RunPage all = history.list(new RunQuery(null, null, null, null, 1, 4));
    assertEquals(6, all.total());
    assertEquals(
        List.of("o", "t5", "t4", "t3"), all.items().stream().map(r -> r.loopId()).toList());
    RunPage last = history.list(new RunQuery(null, null, null, null, 2, 4));
    assertEquals(List.of("t2", "t1"), last.items().stream().map(r -> r.loopId()).toList());

    RunPage tutorialOnly = history.list(new RunQuery("TUTORIAL.md", null, null, null, 1, 20));
    assertEquals(5, tutorialOnly.total());
    RunPage blockers = history.list(new RunQuery(null, "blocker", null, null, 1, 20));
    assertEquals(List.of("t3"), blockers.items().stream().map(r -> r.loopId()).toList());

    // The stepping clock recorded run k at T0 + k minutes (one reading per run).
    Instant second = all.items().get(3).recordedAt().minusSeconds(60);
    RunPage window = history.list(new RunQuery(null, null, second, second.plusSeconds(120), 1, 20));
    assertEquals(List.of("t3", "t2"), window.items().stream().map(r -> r.loopId()).toList());
  }
}
