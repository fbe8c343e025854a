package dev.smileloop.report.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting shared by the renderers: timestamps and durations. */
final class ReportTexts {

  /** ISO-8601 UTC with milliseconds always present, so log lines line up and sort as text. */
  static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ReportTexts() {}

  static String iso(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }

  static String human(Instant instant) {
    return instant == null ? "unknown" : HUMAN.format(instant) + " UTC";
  }

  /** "850 ms", "12.3 s", "4 min 05 s", "1 h 02 min". */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format(
        java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }

  /** Seconds with millisecond precision, as JUnit's {@code time} attributes want them. */
  static String seconds(long millis) {
    return java.math.BigDecimal.valueOf(millis, 3).toPlainString();
  }
}
