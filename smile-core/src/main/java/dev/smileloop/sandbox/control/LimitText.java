package dev.smileloop.sandbox.control;

import java.util.Locale;

/** How limits read in messages: "2 GiB", "256 MiB". */
final class LimitText {

  private LimitText() {}

  static String size(int megabytes) {
    if (megabytes >= 1024 && megabytes % 1024 == 0) {
      return megabytes / 1024 + " GiB";
    }
    if (megabytes >= 1024) {
      return String.format(Locale.ROOT, "%.1f GiB", megabytes / 1024.0);
    }
    return megabytes + " MiB";
  }
}
