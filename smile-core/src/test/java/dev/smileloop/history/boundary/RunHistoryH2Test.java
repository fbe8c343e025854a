package dev.smileloop.history.boundary;

import static dev.smileloop.history.boundary.Runs.loop;
import static dev.smileloop.history.boundary.Runs.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.history.control.HistorySettings;
import dev.smileloop.history.entity.RunQuery;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.problem.SmileException;
import dev.smileloop.report.entity.Report;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run history on the default database: an embedded H2 file under the work folder. */
class RunHistoryH2Test extends RunHistoryContract {

  @Override
  HistorySettings freshDatabase() {
    return HistorySettings.from(name -> null, folder.resolve("work"));
  }

  @Test
  void theDefaultDatabaseIsAFileUnderDotSmileHistory() {
    history.remember(
        report("a", LoopStatus.COMPLETED, Runs.T0, List.of()), loop("a", tutorial, "x"));

    assertTrue(
        Files.exists(folder.resolve("work/.smile/history/smile.mv.db")),
        "H2 file in <workDir>/.smile/history");
    // A second history on the same folder (a restarted server) sees the run.
    RunHistory restarted = new RunHistory(freshDatabase(), new Runs.SteppingClock());
    assertEquals(1, restarted.list(new RunQuery(null, null, null, null, 1, 5)).total());
  }

  @Test
  void anUnreachableDatabaseCostsTheHistoryButNeverTheReport() {
    RunHistory broken =
        new RunHistory(
            HistorySettings.from(
                Map.of("smile.history.url", "jdbc:postgresql://127.0.0.1:1/nothing")::get, folder),
            new Runs.SteppingClock());
    Report report = report("a", LoopStatus.COMPLETED, Runs.T0, List.of());

    assertNull(broken.remember(report, loop("a", tutorial, "x")).sinceLastRun());
    SmileException e =
        assertThrows(
            SmileException.class, () -> broken.list(new RunQuery(null, null, null, null, 1, 5)));
    assertEquals(SmileException.Kind.UNAVAILABLE, e.kind());
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
  }

  @Test
  void aTurnedOffHistoryKeepsNothingAndSaysSo() {
    RunHistory off =
        new RunHistory(
            HistorySettings.from(Map.of("smile.history.enabled", "false")::get, folder),
            new Runs.SteppingClock());

    assertNull(
        off.remember(
                report("a", LoopStatus.COMPLETED, Runs.T0, List.of()), loop("a", tutorial, "x"))
            .sinceLastRun());
    SmileException e =
        assertThrows(
            SmileException.class, () -> off.list(new RunQuery(null, null, null, null, 1, 5)));
    assertTrue(e.getMessage().contains("smile.history.enabled=false"), e.getMessage());
    assertTrue(Files.notExists(folder.resolve(".smile")));
  }
}
