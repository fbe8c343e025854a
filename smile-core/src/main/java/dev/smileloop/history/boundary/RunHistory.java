package dev.smileloop.history.boundary;

import dev.smileloop.history.control.ConfigJson;
import dev.smileloop.history.control.GapMatcher;
import dev.smileloop.history.control.HistoryDatabase;
import dev.smileloop.history.control.HistorySettings;
import dev.smileloop.history.control.RunRecords;
import dev.smileloop.history.control.RunStore;
import dev.smileloop.history.control.TutorialIdentity;
import dev.smileloop.history.entity.RunDetail;
import dev.smileloop.history.entity.RunPage;
import dev.smileloop.history.entity.RunQuery;
import dev.smileloop.history.entity.RunSummary;
import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.problem.SmileException;
import dev.smileloop.report.control.ReportRenderer;
import dev.smileloop.report.control.RunMemory;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.RunComparison;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run history: stores every finished loop and marks its report against the previous run of the
 * same tutorial. The database is opened (and migrated) on first use, so a broken database never
 * stops the server from starting; it costs the history, never a report.
 */
@ApplicationScoped
public class RunHistory implements RunMemory {

  private static final Logger LOG = Logger.getLogger(RunHistory.class.getName());

  @Inject Clock clock;

  private final ReportRenderer renderer = new ReportRenderer();
  private final ConfigJson configJson = new ConfigJson();
  private HistorySettings settings;
  private RunStore store;

  /** For CDI. */
  public RunHistory() {}

  /** A history on explicit settings (tests, tools). */
  public RunHistory(HistorySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public synchronized Report remember(Report report, LoopSnapshot loop) {
    if (!settings().enabled()) {
      return report;
    }
    try {
      RunStore runs = store();
      TutorialIdentity tutorial = TutorialIdentity.of(loop.tutorial(), loop.config());
      Optional<RunSummary> previous = runs.latest(tutorial.key());
      RunComparison comparison =
          previous.isPresent()
              ? GapMatcher.compare(
                  previous.get().id(),
                  previous.get().recordedAt(),
                  runs.gaps(previous.get().id()),
                  report.gaps())
              : GapMatcher.firstRun(report.gaps());
      Report marked = report.withSinceLastRun(comparison);
      RunDetail run =
          RunRecords.of(
              marked,
              renderer.json(marked),
              tutorial,
              configJson.of(loop.config()),
              clock.instant());
      long id = runs.insert(run);
      LOG.info(() -> "run " + id + " of " + tutorial.key() + " stored in the history");
      return marked;
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "could not store the run of loop " + loop.state().loopId() + " in the history",
          e);
      return report;
    }
  }

  /** One page of stored runs. */
  public RunPage list(RunQuery query) {
    try {
      return store().list(query);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Everything stored about run {@code id}. */
  public Optional<RunDetail> find(long id) {
    try {
      return store().find(id);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  private synchronized HistorySettings settings() {
    if (settings == null) {
      settings =
          HistorySettings.fromSystem(
              Path.of(System.getProperty("smile.workDir", System.getProperty("user.dir"))));
    }
    return settings;
  }

  private synchronized RunStore store() {
    HistorySettings current = settings();
    if (!current.enabled()) {
      throw new SmileException(
          SmileException.Kind.UNAVAILABLE,
          "no run history is kept on this server (smile.history.enabled=false)");
    }
    if (store == null) {
      try {
        store = new RunStore(HistoryDatabase.open(current));
        LOG.info(() -> "run history at " + current.describe());
      } catch (RuntimeException e) {
        throw new SmileException(
            SmileException.Kind.UNAVAILABLE, "the run history is unavailable: " + e.getMessage());
      }
    }
    return store;
  }

  private SmileException unavailable(SQLException e) {
    LOG.log(Level.WARNING, "run history query failed", e);
    return new SmileException(
        SmileException.Kind.UNAVAILABLE, "the run history is unavailable: " + e.getMessage());
  }
}
