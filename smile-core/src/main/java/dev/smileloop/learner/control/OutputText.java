package dev.smileloop.learner.control;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading command output the way a person skims a terminal: what is missing, what is the error. */
public final class OutputText {

  private static final List<Pattern> MISSING_COMMAND =
      List.of(
          Pattern.compile("(?m)^bash: ([^:\\n]+): command not found\\s*$"),
          Pattern.compile("(?m)^(?:sh|dash): \\d+: ([^:\\n]+): not found\\s*$"),
          Pattern.compile("(?m)command not found: (\\S+)\\s*$"),
          Pattern.compile(
              "(?m)^(?:/usr/bin/)?env: ['‘]?([^'’:\\n]+)['’]?: No such file or directory\\s*$"),
          Pattern.compile("(?m)^xargs: ([^:\\n]+): No such file or directory\\s*$"));
  private static final Pattern MISSING_PROGRAM_PATH =
      Pattern.compile("(?m)^bash: ([^:\\n]*/[^:\\n]*): No such file or directory\\s*$");
  private static final Pattern KEY =
      Pattern.compile(
          "(?i)(error|not found|denied|no such|fatal|fail|cannot|can't|unable|exception|invalid|"
              + "refused|in use|not a directory|timed out|killed|missing|unknown|usage)");
  private static final int KEY_LINE_LIMIT = 240;

  private OutputText() {}

  /** The command the shell could not find ("tree" from "bash: tree: command not found"). */
  public static Optional<String> missingCommand(String output) {
    for (Pattern pattern : MISSING_COMMAND) {
      Matcher matcher = pattern.matcher(output);
      if (matcher.find()) {
        return Optional.of(matcher.group(1).strip());
      }
    }
    return Optional.empty();
  }

  /** A program given by path that does not exist ("./build.sh: No such file or directory"). */
  public static Optional<String> missingProgramPath(String output) {
    Matcher matcher = MISSING_PROGRAM_PATH.matcher(output);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }

  /** The line that says what went wrong: the last error-looking line, else the last line. */
  public static String keyLine(String output) {
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) {
      return "(no output)";
    }
    String key = lines.get(lines.size() - 1);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (KEY.matcher(lines.get(i)).find()) {
        key = lines.get(i);
        break;
      }
    }
    key = key.replaceFirst("^bash: ", "");
    return key.length() > KEY_LINE_LIMIT ? key.substring(0, KEY_LINE_LIMIT) + " ..." : key;
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
}
