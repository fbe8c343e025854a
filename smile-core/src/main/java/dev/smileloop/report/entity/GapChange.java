package dev.smileloop.report.entity;

import java.util.Locale;

/**
 * How a gap compares with the previous run of the same tutorial: first met now ({@code new}), met
 * then and now ({@code still_there}), or met then but not now ({@code fixed}).
 */
public enum GapChange {
  NEW,
  STILL_THERE,
  FIXED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
