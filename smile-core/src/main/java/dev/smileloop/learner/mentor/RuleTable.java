package dev.smileloop.learner.mentor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the Mentor's table of known failures from {@code mentor-rules.tsv} next to this class: one
 * rule a line, eight TAB-separated columns, {@code #} comments. A malformed line fails loudly with
 * its line number, so a broken table never ships silently.
 */
final class RuleTable {

  static final String RESOURCE = "mentor-rules.tsv";
  private static final int COLUMNS = 8;

  private RuleTable() {}

  /** The rules of the table shipped with the Mentor, in table order. */
  static List<TableRule> load() {
    try (InputStream in = RuleTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the Mentor's rule table " + RESOURCE + " is missing");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Mentor's rule table " + RESOURCE, e);
    }
  }

  /** The rules of a table's text. */
  static List<TableRule> parse(String table) {
    List<TableRule> rules = new ArrayList<>();
    List<String> lines = table.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && !line.startsWith("#")) {
        rules.add(rule(line.split("\t", -1), i + 1));
      }
    }
    return List.copyOf(rules);
  }

  private static TableRule rule(String[] columns, int number) {
    if (columns.length != COLUMNS) {
      throw new IllegalStateException(
          RESOURCE + " line " + number + ": " + columns.length + " columns, expected " + COLUMNS);
    }
    String phase = columns[2].strip();
    if (!phase.equals("first") && !phase.equals("last")) {
      throw new IllegalStateException(
          RESOURCE + " line " + number + ": phase must be first or last, got " + phase);
    }
    return new TableRule(
        columns[0].strip(),
        columns[1].strip(),
        phase.equals("first"),
        pattern(columns[3], number),
        pattern(columns[4], number),
        columns[5].strip(),
        columns[6].strip(),
        columns[7].strip().equals("-") ? null : columns[7].strip());
  }

  private static Pattern pattern(String column, int number) {
    String regex = column.strip();
    if (regex.equals("-")) {
      return null;
    }
    try {
      return Pattern.compile(regex, Pattern.MULTILINE);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException(
          RESOURCE + " line " + number + ": bad pattern: " + e.getDescription(), e);
    }
  }
}
