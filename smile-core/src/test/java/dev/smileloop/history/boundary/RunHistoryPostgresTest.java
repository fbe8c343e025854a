package dev.smileloop.history.boundary;

import dev.smileloop.history.control.HistorySettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The run history on a real PostgreSQL server, configured the way a user does it ({@code
 * smile.history.url}, {@code .user}, {@code .password}); each test gets a fresh database, migrated
 * by Flyway.
 */
class RunHistoryPostgresTest extends RunHistoryContract {

  private static RealPostgres server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @BeforeAll
  static void startPostgres() throws Exception {
    server = RealPostgres.start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  HistorySettings freshDatabase() throws Exception {
    String name = "history_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return HistorySettings.from(
        Map.of(
                "smile.history.url", server.jdbcUrl(name),
                "smile.history.user", "postgres",
                "smile.history.password", "unused")
            ::get,
        folder);
  }
}
