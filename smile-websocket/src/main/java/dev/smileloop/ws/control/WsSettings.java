package dev.smileloop.ws.control;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tuning of the {@code /ws} stream.
 *
 * @param queueSize events one client may have waiting before its oldest are dropped
 * @param replaySize broadcast events kept for {@code /ws?since=N}; 0 turns replay off
 * @param pingSeconds seconds between pings; 0 turns the heartbeat off
 * @param maxMissedPongs pings in a row a client may leave unanswered before it is closed
 * @param sendThreads managed threads that may send to clients at the same time
 */
public record WsSettings(
    int queueSize, int replaySize, int pingSeconds, int maxMissedPongs, int sendThreads) {

  private static final Logger LOG = Logger.getLogger(WsSettings.class.getName());

  public static final String QUEUE_SIZE = "smile.ws.queueSize";
  public static final String REPLAY_SIZE = "smile.ws.replaySize";
  public static final String PING_SECONDS = "smile.ws.pingSeconds";
  public static final String MAX_MISSED_PONGS = "smile.ws.maxMissedPongs";
  public static final String SEND_THREADS = "smile.ws.sendThreads";

  public static final WsSettings DEFAULTS = new WsSettings(100, 1000, 30, 3, 2);

  public WsSettings {
    require(queueSize >= 1, QUEUE_SIZE, queueSize, "at least 1");
    require(replaySize >= 0, REPLAY_SIZE, replaySize, "0 or more");
    require(pingSeconds >= 0, PING_SECONDS, pingSeconds, "0 (off) or more");
    require(maxMissedPongs >= 1, MAX_MISSED_PONGS, maxMissedPongs, "at least 1");
    require(sendThreads >= 1, SEND_THREADS, sendThreads, "at least 1");
  }

  /**
   * Reads each setting from a system property ({@code smile.ws.pingSeconds}), else from the
   * matching environment variable ({@code SMILE_WS_PINGSECONDS}), else the default. A value that is
   * not a valid number is reported in the log and replaced by the default, so a typo cannot keep
   * the server from streaming.
   */
  public static WsSettings fromEnvironment() {
    return from(
        name -> {
          String value = System.getProperty(name);
          return value != null ? value : System.getenv(envName(name));
        });
  }

  /** Reads the settings from {@code source} (property name to value, null when unset). */
  public static WsSettings from(UnaryOperator<String> source) {
    return new WsSettings(
        read(source, QUEUE_SIZE, DEFAULTS.queueSize(), 1),
        read(source, REPLAY_SIZE, DEFAULTS.replaySize(), 0),
        read(source, PING_SECONDS, DEFAULTS.pingSeconds(), 0),
        read(source, MAX_MISSED_PONGS, DEFAULTS.maxMissedPongs(), 1),
        read(source, SEND_THREADS, DEFAULTS.sendThreads(), 1));
  }

  static String envName(String property) {
    return property.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static int read(UnaryOperator<String> source, String name, int fallback, int min) {
    String raw = source.apply(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      LOG.log(Level.FINE, "not a number: " + name, e);
    }
    LOG.warning(
        () -> name + "=" + raw + " is not a whole number >= " + min + "; using " + fallback);
    return fallback;
  }

  private static void require(boolean ok, String name, int value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
    }
  }
}
