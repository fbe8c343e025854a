package dev.smileloop.report.control;

import dev.smileloop.tutorial.control.TutorialReader;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds places in a tutorial: the line a piece of quoted text stands on, and the step heading a
 * line belongs to (headings, ATX and setext, from the tutorial's one {@code TutorialDocument}).
 * Used when an agent reports a problem without a line of its own, as external and LLM agents may.
 */
final class TutorialLocator {

  private static final Pattern ATX_HEADING =
      Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*#*[ \\t]*$");
  private static final int MIN_NEEDLE = 3;

  private final List<String> lines;
  private final List<Heading> headings;

  /** A heading of the tutorial: its 1-indexed line, level and text without the #s. */
  record Heading(int line, int level, String text) {}

  TutorialLocator(Tutorial tutorial) {
    this.lines = tutorial == null || tutorial.markdown() == null ? List.of() : tutorial.lines();
    this.headings = findHeadings(tutorial);
  }

  /** The headings in document order, outside code blocks. */
  List<Heading> headings() {
    return headings;
  }

  int lineCount() {
    return lines.size();
  }

  /** The text of a line, trimmed; empty outside the tutorial. */
  String quote(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
  }

  /** The text of the heading a line belongs to (the nearest heading at or above it). */
  Optional<String> headingOf(int line) {
    String found = null;
    for (Heading heading : headings) {
      if (heading.line() > line) {
        break;
      }
      found = heading.text();
    }
    return Optional.ofNullable(found);
  }

  /** The line of a heading, matched by its text without the #s, ignoring case; 0 when absent. */
  int lineOfHeading(String text) {
    String wanted = normalizeHeading(text);
    if (wanted.isEmpty()) {
      return 0;
    }
    return headings.stream()
        .filter(h -> normalizeHeading(h.text()).equals(wanted))
        .mapToInt(Heading::line)
        .findFirst()
        .orElse(0);
  }

  /**
   * The first line containing the text (its first non-blank line, without a shell prompt), exactly
   * or else ignoring case; empty when the text is too short to mean anything or is not there.
   */
  Optional<Integer> find(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String needle =
        text.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse("");
    needle = needle.replaceFirst("^\\$\\s+", "");
    if (needle.length() < MIN_NEEDLE) {
      return Optional.empty();
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return Optional.of(i + 1);
      }
    }
    String lower = needle.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).toLowerCase(Locale.ROOT).contains(lower)) {
        return Optional.of(i + 1);
      }
    }
    return Optional.empty();
  }

  /** A location for a line: its quote and heading taken from the tutorial. */
  TutorialLocation at(int line) {
    return new TutorialLocation(line, quote(line), headingOf(line).orElse(null));
  }

  /** A heading compared loosely: no #s, single spaces, lower case. */
  static String normalizeHeading(String text) {
    if (text == null) {
      return "";
    }
    Matcher atx = ATX_HEADING.matcher(text.strip());
    String plain = atx.matches() ? nullToEmpty(atx.group(2)) : text;
    return plain.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  private static List<Heading> findHeadings(Tutorial tutorial) {
    if (tutorial == null || tutorial.markdown() == null) {
      return List.of();
    }
    return TutorialReader.read(tutorial.markdown()).headings().stream()
        .filter(heading -> !heading.text().isEmpty())
        .map(heading -> new Heading(heading.line(), heading.level(), heading.text()))
        .toList();
  }
}
