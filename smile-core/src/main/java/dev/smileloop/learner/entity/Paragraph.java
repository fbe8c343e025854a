package dev.smileloop.learner.entity;

import java.util.List;

/** A run of prose lines, or one list item, starting at tutorial line {@code line}. */
public record Paragraph(int line, List<String> lines, boolean listItem) {

  public Paragraph {
    lines = List.copyOf(lines);
  }

  /** The lines joined with spaces, list markers removed. */
  public String text() {
    String joined = String.join(" ", lines.stream().map(String::strip).toList());
    return listItem ? joined.replaceFirst("^([-*+]|\\d+[.)])\\s+", "") : joined;
  }

  public int endLine() {
    return line + lines.size() - 1;
  }
}
