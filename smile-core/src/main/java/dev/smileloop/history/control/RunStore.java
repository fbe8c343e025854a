package dev.smileloop.history.control;

import dev.smileloop.history.entity.RunDetail;
import dev.smileloop.history.entity.RunFinding;
import dev.smileloop.history.entity.RunGap;
import dev.smileloop.history.entity.RunPage;
import dev.smileloop.history.entity.RunQuery;
import dev.smileloop.history.entity.RunSummary;
import dev.smileloop.json.Jsonp;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stored runs in plain JDBC, in SQL that H2 and PostgreSQL both speak. A run and its gaps and
 * findings are written in one transaction, so a run is either stored whole or not at all.
 */
public final class RunStore {

  private static final String RUN_COLUMNS =
      "id, loop_id, tutorial_key, tutorial_path, tutorial_name, content_sha256, outcome, reason,"
          + " iterations, max_iterations, started_at, ended_at, duration_millis, recorded_at,"
          + " gaps_critical, gaps_major, gaps_minor, gaps_fixed, environment_findings,"
          + " previous_run_id";

  private final DataSource dataSource;

  public RunStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource);
  }

  /** The latest run of the tutorial known by {@code tutorialKey}. */
  public Optional<RunSummary> latest(String tutorialKey) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT "
                    + RUN_COLUMNS
                    + " FROM smile_run WHERE tutorial_key = ? ORDER BY id DESC LIMIT 1")) {
      s.setString(1, tutorialKey);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(summary(r)) : Optional.empty();
      }
    }
  }

  /** Stores a run (its {@code run.id} is ignored) and answers the id it got. */
  public long insert(RunDetail detail) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        long id = insertRun(c, detail);
        insertGaps(c, id, detail.gaps());
        insertFindings(c, id, detail.environmentFindings());
        c.commit();
        return id;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static long insertRun(Connection c, RunDetail detail) throws SQLException {
    RunSummary run = detail.run();
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO smile_run (loop_id, tutorial_key, tutorial_path, tutorial_name,"
                + " content_sha256, outcome, reason, iterations, max_iterations, started_at,"
                + " ended_at, duration_millis, recorded_at, gaps_critical, gaps_major, gaps_minor,"
                + " gaps_fixed, environment_findings, previous_run_id, config_json,"
                + " manifest_json, report_json)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int i = 0;
      s.setString(++i, run.loopId());
      s.setString(++i, run.tutorialKey());
      s.setString(++i, run.tutorialPath());
      s.setString(++i, run.tutorialName());
      s.setString(++i, run.contentSha256());
      s.setString(++i, run.outcome());
      s.setString(++i, run.reason());
      s.setInt(++i, run.iterations());
      s.setInt(++i, run.maxIterations());
      setInstant(s, ++i, run.startedAt());
      setInstant(s, ++i, run.endedAt());
      s.setLong(++i, run.durationMillis());
      setInstant(s, ++i, run.recordedAt());
      s.setInt(++i, run.gapsCritical());
      s.setInt(++i, run.gapsMajor());
      s.setInt(++i, run.gapsMinor());
      s.setInt(++i, run.gapsFixed());
      s.setInt(++i, run.environmentFindings());
      if (run.previousRunId() == null) {
        s.setNull(++i, Types.BIGINT);
      } else {
        s.setLong(++i, run.previousRunId());
      }
      s.setString(++i, json(detail.config()));
      s.setString(++i, json(detail.manifest()));
      s.setString(++i, Objects.requireNonNull(json(detail.report()), "report"));
      s.executeUpdate();
      try (ResultSet keys = s.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("the database gave no id for the new run");
        }
        return keys.getLong(1);
      }
    }
  }

  private static void insertGaps(Connection c, long runId, List<RunGap> gaps) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO smile_run_gap (run_id, ordinal, gap_id, kind, severity, title,"
                + " line_start, line_end, quote, heading, problem, suggested_fix, since_last_run)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (RunGap g : gaps) {
        int i = 0;
        s.setLong(++i, runId);
        s.setInt(++i, ++ordinal);
        s.setString(++i, g.gapId());
        s.setString(++i, g.kind());
        s.setString(++i, g.severity());
        s.setString(++i, g.title());
        s.setInt(++i, g.lineStart());
        s.setInt(++i, g.lineEnd());
        s.setString(++i, g.quote());
        s.setString(++i, g.heading());
        s.setString(++i, g.problem());
        s.setString(++i, g.suggestedFix());
        s.setString(++i, g.sinceLastRun());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void insertFindings(Connection c, long runId, List<RunFinding> findings)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO smile_run_finding (run_id, ordinal, kind, line_number, quote, step,"
                + " command, evidence, advice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int ordinal = 0;
      for (RunFinding f : findings) {
        int i = 0;
        s.setLong(++i, runId);
        s.setInt(++i, ++ordinal);
        s.setString(++i, f.kind());
        if (f.line() == null) {
          s.setNull(++i, Types.INTEGER);
        } else {
          s.setInt(++i, f.line());
        }
        s.setString(++i, f.quote());
        s.setString(++i, f.step());
        s.setString(++i, f.command());
        s.setString(++i, f.evidence());
        s.setString(++i, f.advice());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The runs {@code query} selects, newest first, one page of them. */
  public RunPage list(RunQuery query) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> values = new ArrayList<>();
    if (query.tutorial() != null) {
      where.append(" AND LOWER(tutorial_key) LIKE ? ESCAPE '!'");
      values.add("%" + likeEscaped(query.tutorial().toLowerCase(Locale.ROOT)) + "%");
    }
    if (query.outcome() != null) {
      where.append(" AND outcome = ?");
      values.add(query.outcome().toLowerCase(Locale.ROOT));
    }
    if (query.from() != null) {
      where.append(" AND recorded_at >= ?");
      values.add(utc(query.from()));
    }
    if (query.to() != null) {
      where.append(" AND recorded_at < ?");
      values.add(utc(query.to()));
    }
    try (Connection c = dataSource.getConnection()) {
      long total;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM smile_run" + where)) {
        bind(s, values);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      List<RunSummary> items = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT "
                  + RUN_COLUMNS
                  + " FROM smile_run"
                  + where
                  + " ORDER BY recorded_at DESC, id DESC LIMIT ? OFFSET ?")) {
        bind(s, values);
        s.setInt(values.size() + 1, query.size());
        s.setLong(values.size() + 2, query.offset());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            items.add(summary(r));
          }
        }
      }
      return new RunPage(items, total, query.page(), query.size());
    }
  }

  /** Everything stored about run {@code id}. */
  public Optional<RunDetail> find(long id) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      RunSummary run;
      JsonValue config;
      JsonValue manifest;
      JsonValue report;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT "
                  + RUN_COLUMNS
                  + ", config_json, manifest_json, report_json FROM smile_run WHERE id = ?")) {
        s.setLong(1, id);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          run = summary(r);
          config = parse(r.getString("config_json"));
          manifest = parse(r.getString("manifest_json"));
          report = parse(r.getString("report_json"));
        }
      }
      return Optional.of(
          new RunDetail(run, gaps(c, id), findings(c, id), config, manifest, report));
    }
  }

  /** The gaps run {@code runId} stored, in report order (fixed ones last). */
  public List<RunGap> gaps(long runId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return gaps(c, runId);
    }
  }

  private static List<RunGap> gaps(Connection c, long runId) throws SQLException {
    List<RunGap> gaps = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT gap_id, kind, severity, title, line_start, line_end, quote, heading, problem,"
                + " suggested_fix, since_last_run FROM smile_run_gap WHERE run_id = ?"
                + " ORDER BY ordinal")) {
      s.setLong(1, runId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          gaps.add(
              new RunGap(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getInt(5),
                  r.getInt(6),
                  r.getString(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  r.getString(11)));
        }
      }
    }
    return gaps;
  }

  private static List<RunFinding> findings(Connection c, long runId) throws SQLException {
    List<RunFinding> findings = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT kind, line_number, quote, step, command, evidence, advice"
                + " FROM smile_run_finding WHERE run_id = ? ORDER BY ordinal")) {
      s.setLong(1, runId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          int line = r.getInt(2);
          findings.add(
              new RunFinding(
                  r.getString(1),
                  r.wasNull() ? null : line,
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getString(6),
                  r.getString(7)));
        }
      }
    }
    return findings;
  }

  private static RunSummary summary(ResultSet r) throws SQLException {
    long previous = r.getLong("previous_run_id");
    Long previousId = r.wasNull() ? null : previous;
    return new RunSummary(
        r.getLong("id"),
        r.getString("loop_id"),
        r.getString("tutorial_key"),
        r.getString("tutorial_path"),
        r.getString("tutorial_name"),
        r.getString("content_sha256"),
        r.getString("outcome"),
        r.getString("reason"),
        r.getInt("iterations"),
        r.getInt("max_iterations"),
        instant(r, "started_at"),
        instant(r, "ended_at"),
        r.getLong("duration_millis"),
        instant(r, "recorded_at"),
        r.getInt("gaps_critical"),
        r.getInt("gaps_major"),
        r.getInt("gaps_minor"),
        r.getInt("gaps_fixed"),
        r.getInt("environment_findings"),
        previousId);
  }

  private static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static void setInstant(PreparedStatement s, int index, Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, utc(value));
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static void bind(PreparedStatement s, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      s.setObject(i + 1, values.get(i));
    }
  }

  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static String json(JsonValue value) {
    return value == null || value == JsonValue.NULL ? null : value.toString();
  }

  private static JsonValue parse(String text) {
    if (text == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }
}
