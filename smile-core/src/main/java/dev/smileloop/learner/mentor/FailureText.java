package dev.smileloop.learner.mentor;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading command output the way a person skims a terminal: which command is missing, and which
 * line names the problem. Tools print a lot around their error (npm's log hints, make's "Error 1",
 * Python's traceback frames, Maven's help links); the line that names the cause is the one worth
 * quoting.
 */
public final class FailureText {

  private static final List<Pattern> MISSING_COMMAND =
      List.of(
          Pattern.compile("(?m)^bash: (?:line \\d+: )?([^:\\n]+): command not found\\s*$"),
          Pattern.compile("(?m)^(?:sh|dash): \\d+: ([^:\\n]+): not found\\s*$"),
          Pattern.compile("(?m)command not found: (\\S+)\\s*$"),
          Pattern.compile(
              "(?m)^(?:/usr/bin/)?env: ['‘]?([^'’:\\n]+)['’]?: No such file or directory\\s*$"),
          Pattern.compile("(?m)^xargs: ([^:\\n]+): No such file or directory\\s*$"));

  /** Words that name a cause: a line with one of them says what is wrong. */
  private static final Pattern NAMES_CAUSE =
      Pattern.compile(
          "(?i)(command not found|not found|no such file|permission denied|read-only file system|"
              + "fatal:|fatal error|error:|error\\[|\\bE: |ERR!.*\\b(code|404|E[A-Z]+)\\b|exception|"
              + "\\w+Error\\b|cannot|can't|could not|couldn't|unable to|refused|in use|"
              + "did not match|not a git repository|no targets|missing separator|no rule to make|"
              + "is the docker daemon running|undefined reference|no module named|unknown|invalid|"
              + "denied|timed out|killed|unreachable|name resolution|not recognized)");

  /** Lines that only follow from the cause: a summary, a log hint, a help link. */
  private static final Pattern CONSEQUENCE =
      Pattern.compile(
          "(?i)(^make(\\[\\d+])?: \\*\\*\\* \\[.*] Error \\d+|complete log of this run|"
              + "^npm (ERR!|error) (A complete log|code E?\\d*$|errno|syscall|path |dest |"
              + "This is (probably|related)|Log files were written)|"
              + "re-run maven|\\[help \\d+]|for more information about the errors|"
              + "to see the full stack trace|compilation terminated|"
              + "^traceback \\(most recent call last\\)|^\\s*file \".*\", line \\d+|"
              + "^hint: |^error: command .* failed with exit code|^ERROR: Could not find a version)");

  private static final Pattern COMMAND_POSITION_PREFIX =
      Pattern.compile(
          "(^|[;&|(!{]\\s*|\\$\\(\\s*|\\n\\s*|\\b(?:sudo|exec|time|then|do|else|xargs|env|nohup)\\s+)");
  private static final int QUOTE_LIMIT = 240;

  private FailureText() {}

  /** The command the shell could not find ("tree" from "bash: tree: command not found"). */
  public static Optional<String> missingCommand(String output) {
    if (output == null) {
      return Optional.empty();
    }
    for (Pattern pattern : MISSING_COMMAND) {
      Matcher matcher = pattern.matcher(output);
      if (matcher.find()) {
        return Optional.of(matcher.group(1).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * The line that names the problem: the first line that names a cause and is not a mere
   * consequence of it, else the last error-looking line, else the last line; "(no output)" for
   * none. Python tracebacks name their exception last, so of several such lines in a traceback the
   * last one wins.
   */
  public static String namingLine(String output) {
    List<String> lines =
        output == null
            ? List.of()
            : output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return "(no output)";
    }
    boolean traceback = lines.stream().anyMatch(l -> l.startsWith("Traceback (most recent call"));
    String chosen = null;
    String consequence = null;
    for (String line : lines) {
      if (!NAMES_CAUSE.matcher(line).find()) {
        continue;
      }
      if (CONSEQUENCE.matcher(line).find()) {
        consequence = consequence == null ? line : consequence;
        continue;
      }
      if (chosen == null || traceback) {
        chosen = line;
      }
    }
    String line =
        chosen != null ? chosen : consequence != null ? consequence : lines.get(lines.size() - 1);
    return shorten(line.replaceFirst("^bash: (line \\d+: )?", ""));
  }

  /**
   * The line of {@code output} on which {@code pattern} matches; a long line is cut around the
   * match, so the quote always shows it. Null when nothing matches.
   */
  public static String lineMatching(String output, Pattern pattern) {
    if (output == null) {
      return null;
    }
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      return null;
    }
    int start = matcher.start() == 0 ? 0 : output.lastIndexOf('\n', matcher.start() - 1) + 1;
    int end = output.indexOf('\n', matcher.start());
    String line = output.substring(start, end < 0 ? output.length() : end);
    int at = matcher.start() - start;
    if (line.length() > QUOTE_LIMIT && at > QUOTE_LIMIT / 3) {
      // Cut at a word boundary before the match, so the quote starts with a whole word.
      int cut = line.indexOf(' ', at - QUOTE_LIMIT / 3);
      line = "... " + line.substring(cut < 0 || cut >= at ? at : cut + 1);
    }
    return shorten(line.strip().replaceFirst("^bash: (line \\d+: )?", ""));
  }

  private static String shorten(String line) {
    return line.length() > QUOTE_LIMIT ? line.substring(0, QUOTE_LIMIT) + " ..." : line;
  }

  /** The first word a statement runs, after variable assignments and sudo. */
  public static String firstWord(String command) {
    for (String word : command.strip().split("\\s+")) {
      if (!word.matches("[A-Za-z_][A-Za-z0-9_]*=.*") && !word.equals("sudo")) {
        return word;
      }
    }
    return command.strip();
  }

  /** A command as quoted in a sentence: its first line, marked when more follows. */
  public static String shortCommand(String command) {
    String first = command.strip().lines().findFirst().orElse("");
    boolean more = command.strip().lines().count() > 1;
    String shown = first.length() > 120 ? first.substring(0, 120) + " ..." : first;
    return more ? shown + " ..." : shown;
  }

  /** Replaces {@code word} where the shell would run it as a command, not inside arguments. */
  static String replaceCommandWord(String command, String word, String replacement) {
    Pattern position =
        Pattern.compile(
            COMMAND_POSITION_PREFIX.pattern() + Pattern.quote(word) + "(?=\\s|$|;|\\))",
            Pattern.MULTILINE);
    return position
        .matcher(command)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + replacement));
  }
}
