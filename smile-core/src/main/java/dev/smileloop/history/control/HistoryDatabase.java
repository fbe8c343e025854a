package dev.smileloop.history.control;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Opens the history database and brings its schema up to date with the Flyway migrations in {@code
 * dev/smileloop/history/migration}. Plain, unpooled data sources: the history writes once per
 * finished loop and reads on request, so a pool would buy nothing.
 */
public final class HistoryDatabase {

  static final String MIGRATIONS = "classpath:dev/smileloop/history/migration";

  private HistoryDatabase() {}

  /** The migrated database of {@code settings}; fails with a message that says which one. */
  public static DataSource open(HistorySettings settings) {
    DataSource dataSource = dataSource(settings);
    try {
      Flyway.configure(HistoryDatabase.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .table("smile_schema_history")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "could not migrate the run history at " + settings.describe() + ": " + e.getMessage(), e);
    }
    return dataSource;
  }

  static DataSource dataSource(HistorySettings settings) {
    if (settings.dataSourceName() != null) {
      try {
        return (DataSource) new InitialContext().lookup(settings.dataSourceName());
      } catch (NamingException | ClassCastException e) {
        throw new IllegalStateException(
            "no DataSource named " + settings.dataSourceName() + ": " + e.getMessage(), e);
      }
    }
    String url = settings.url();
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(settings.user() == null ? "" : settings.user());
      h2.setPassword(settings.password() == null ? "" : settings.password());
      return h2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setURL(url);
      if (settings.user() != null) {
        postgres.setUser(settings.user());
      }
      if (settings.password() != null) {
        postgres.setPassword(settings.password());
      }
      return postgres;
    }
    throw new IllegalArgumentException(
        "smile.history.url must be an H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...) URL,"
            + " was "
            + url.replaceAll(";.*", ""));
  }
}
