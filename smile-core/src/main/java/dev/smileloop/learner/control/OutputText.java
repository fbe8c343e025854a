package dev.smileloop.learner.control;

import dev.smileloop.learner.mentor.FailureText;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading command output the way a person skims a terminal: what is missing, what is the error. */
public final class OutputText {

  private static final Pattern MISSING_PROGRAM_PATH =
      Pattern.compile("(?m)^bash: ([^:\\n]*/[^:\\n]*): No such file or directory\\s*$");

  private OutputText() {}

  /** The command the shell could not find ("tree" from "bash: tree: command not found"). */
  public static Optional<String> missingCommand(String output) {
    return FailureText.missingCommand(output);
  }

  /** A program given by path that does not exist ("./build.sh: No such file or directory"). */
  public static Optional<String> missingProgramPath(String output) {
    Matcher matcher = MISSING_PROGRAM_PATH.matcher(output);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }

  /** The line that names what went wrong. */
  public static String keyLine(String output) {
    return FailureText.namingLine(output);
  }

  /** The first word a statement runs, after variable assignments and sudo. */
  public static String firstWord(String command) {
    return FailureText.firstWord(command);
  }

  /** A command as quoted in a sentence: its first line, marked when more follows. */
  public static String shortCommand(String command) {
    return FailureText.shortCommand(command);
  }
}
