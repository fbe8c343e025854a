package dev.smileloop.history.control;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Where the run history lives. By default an embedded H2 file database in {@code
 * <workDir>/.smile/history}; {@code smile.history.url} (+ {@code .user}, {@code .password}) names
 * any H2 or PostgreSQL JDBC URL, {@code smile.history.datasource} a container DataSource by JNDI
 * name (for a WAR on a full server), and {@code smile.history.enabled=false} keeps no history. Each
 * setting is a system property, or the environment variable of the same name in upper case with
 * underscores ({@code SMILE_HISTORY_URL}).
 */
public record HistorySettings(
    boolean enabled, String url, String user, String password, String dataSourceName) {

  /** The settings of this process, resolving the default database against {@code workDir}. */
  public static HistorySettings fromSystem(Path workDir) {
    return from(HistorySettings::lookup, workDir);
  }

  /** The settings read through {@code source} (a name to its value, or null). */
  public static HistorySettings from(UnaryOperator<String> source, Path workDir) {
    String enabled = source.apply("smile.history.enabled");
    String url = blankToNull(source.apply("smile.history.url"));
    return new HistorySettings(
        enabled == null || !enabled.strip().equalsIgnoreCase("false"),
        url != null ? url : defaultUrl(workDir),
        blankToNull(source.apply("smile.history.user")),
        source.apply("smile.history.password"),
        blankToNull(source.apply("smile.history.datasource")));
  }

  /**
   * The embedded database. AUTO_SERVER lets a second process on the same folder (another {@code
   * smile run}) share the file instead of failing on its lock.
   */
  public static String defaultUrl(Path workDir) {
    Path file = workDir.resolve(".smile").resolve("history").resolve("smile").toAbsolutePath();
    return "jdbc:h2:file:" + file.normalize() + ";AUTO_SERVER=TRUE";
  }

  /** Where the history is, for logs and health: the JNDI name or the URL without credentials. */
  public String describe() {
    return dataSourceName != null ? "DataSource " + dataSourceName : url.replaceAll(";.*", "");
  }

  private static String lookup(String name) {
    String value = System.getProperty(name);
    return value != null ? value : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
