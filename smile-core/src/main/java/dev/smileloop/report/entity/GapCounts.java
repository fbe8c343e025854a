package dev.smileloop.report.entity;

/** How many gaps of each severity a report holds. */
public record GapCounts(int critical, int major, int minor) {

  public int total() {
    return critical + major + minor;
  }
}
