package dev.smileloop.learner.student;

import dev.smileloop.learner.entity.StatedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compares what the tutorial says a block prints with what it printed, the way a reader looks at a
 * terminal: runs of whitespace count as one space, letter case, colours and curly quotes do not
 * matter, and a fragment still matches without the punctuation that ends the sentence ("It prints
 * `done.`" against {@code done}).
 */
final class OutputCheck {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?]+$");
  private static final int TAIL_LINES = 3;
  private static final int TAIL_LENGTH = 160;

  private OutputCheck() {}

  /** The stated fragments that do not appear in {@code output}, in the tutorial's order. */
  static List<String> missing(StatedOutput stated, String output) {
    String printed = normalize(output);
    List<String> missing = new ArrayList<>();
    for (String fragment : stated.fragments()) {
      String wanted = normalize(fragment);
      String bare = TRAILING_PUNCTUATION.matcher(wanted).replaceFirst("");
      if (!printed.contains(wanted) && (bare.isEmpty() || !printed.contains(bare))) {
        missing.add(fragment);
      }
    }
    return missing;
  }

  /** "The tutorial says this prints `X`, but it printed: `Y`", Y the output's last lines. */
  static String problem(StatedOutput stated, List<String> missing, String output) {
    List<String> quoted = missing.stream().map(f -> "`" + f.replace('`', '\'') + "`").toList();
    String expected =
        quoted.size() == 1
            ? quoted.get(0)
            : String.join(", ", quoted.subList(0, quoted.size() - 1))
                + " and "
                + quoted.get(quoted.size() - 1);
    String tail = tail(output);
    return "The tutorial says "
        + (stated.lastCommand() ? "the last command" : "this")
        + " prints "
        + expected
        + ", but it printed"
        + (tail.isEmpty() ? " nothing" : ": `" + tail + "`");
  }

  /** The output's last few non-blank lines on one line, shortened from the front. */
  static String tail(String output) {
    List<String> lines =
        ANSI.matcher(output)
            .replaceAll("")
            .lines()
            .map(line -> SPACE.matcher(line).replaceAll(" ").strip())
            .filter(line -> !line.isEmpty())
            .toList();
    String tail =
        String.join(" ⏎ ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()))
            .replace('`', '\'');
    return tail.length() > TAIL_LENGTH
        ? "…" + tail.substring(tail.length() - TAIL_LENGTH + 1)
        : tail;
  }

  static String normalize(String text) {
    String plain =
        ANSI.matcher(text)
            .replaceAll("")
            .replace('\u2018', '\'')
            .replace('\u2019', '\'')
            .replace('\u201C', '"')
            .replace('\u201D', '"');
    return SPACE.matcher(plain).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }
}
