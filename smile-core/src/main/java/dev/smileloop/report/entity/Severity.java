package dev.smileloop.report.entity;

import java.util.Locale;

/**
 * How badly a gap hurts a reader: the Student could not go on at all ({@code critical}), needed the
 * Mentor ({@code major}), or got past it alone ({@code minor}). Declared most severe first, so the
 * natural order is the order of priority.
 */
public enum Severity {
  CRITICAL("error"),
  MAJOR("warning"),
  MINOR("note");

  private final String sarifLevel;

  Severity(String sarifLevel) {
    this.sarifLevel = sarifLevel;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The SARIF {@code result.level} CI tools use to colour the finding. */
  public String sarifLevel() {
    return sarifLevel;
  }

  /** Capitalised for people: "Critical". */
  public String label() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
