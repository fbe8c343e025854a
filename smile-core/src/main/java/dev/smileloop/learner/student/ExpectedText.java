package dev.smileloop.learner.student;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares output the tutorial shows with what was printed, the way a reader looks at a terminal:
 * whitespace, case and colours do not count, nor do values that change every run (dates, times,
 * durations, process ids, hashes, version numbers, temporary and home paths), nor a line the
 * tutorial elides with {@code ...}. Each shown line must appear in what was printed, in order; a
 * long line may differ in a few words in its middle (a user or group name), never at its end.
 */
final class ExpectedText {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
  private static final List<Pattern> VOLATILE =
      List.of(
          Pattern.compile(
              "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"),
          Pattern.compile("\\b\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d+)?\\b"),
          Pattern.compile(
              "(?i)\\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\b|\\b(?:jan|feb|mar|apr|may|jun|jul|aug"
                  + "|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b"),
          Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"),
          Pattern.compile("(?i)\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,64}\\b"),
          Pattern.compile("(?:/tmp|/var/folders|/private/tmp|/var/tmp)(?:/[^\\s'\":]*)?"),
          Pattern.compile("(?:/home|/Users)/[^/\\s'\":]+"),
          Pattern.compile(
              "(?i)\\b\\d+(?:[.,]\\d+)?\\s*(?:ms|µs|us|ns|s|sec|secs|seconds?|m|min|mins|minutes?)\\b"),
          Pattern.compile("(?i)\\b(?:pid|process)\\s*[:=#]?\\s*\\d+|^\\[\\d+\\]\\s+\\d+"),
          Pattern.compile("\\bv?\\d+(?:\\.\\d+)+\\b"));
  private static final Pattern ELIDED = Pattern.compile("^(?:\\.\\.\\.|…|\\[\\.\\.\\.\\])$");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final double SIMILAR = 0.75;

  private ExpectedText() {}

  /**
   * The first shown line not found in the printed output, in order (each shown line after the one
   * before it), or empty when all are there.
   */
  static Optional<String> firstMissing(List<String> shown, String printed) {
    List<String> actual =
        printed.lines().map(ExpectedText::normalize).filter(l -> !l.isEmpty()).toList();
    int next = 0;
    for (String line : shown) {
      String wanted = normalize(line);
      if (wanted.isEmpty() || ELIDED.matcher(line.strip()).matches()) {
        continue;
      }
      int found = -1;
      for (int i = next; i < actual.size() && found < 0; i++) {
        String have = actual.get(i);
        if (have.contains(wanted) || similar(wanted, have)) {
          found = i;
        }
      }
      if (found < 0) {
        return Optional.of(line.strip());
      }
      next = found + 1;
    }
    return Optional.empty();
  }

  static String normalize(String line) {
    String plain = ANSI.matcher(line).replaceAll("");
    for (Pattern pattern : VOLATILE) {
      plain = pattern.matcher(plain).replaceAll("§");
    }
    plain =
        plain
            .replace('\u2018', '\'')
            .replace('\u2019', '\'')
            .replace('\u201C', '"')
            .replace('\u201D', '"');
    return SPACE.matcher(plain).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }

  /** Lines of several words that share most of them, in any order. */
  private static boolean similar(String wanted, String actual) {
    List<String> words = Arrays.asList(wanted.split(" "));
    if (words.size() < 5) {
      return false;
    }
    List<String> have = new ArrayList<>(Arrays.asList(actual.split(" ")));
    if (!have.get(have.size() - 1).equals(words.get(words.size() - 1))) {
      // The end of a line says what happened ("Directory not empty"): it must be the same.
      return false;
    }
    int shared = 0;
    for (String word : words) {
      if (have.remove(word)) {
        shared++;
      }
    }
    return shared >= SIMILAR * words.size();
  }
}
