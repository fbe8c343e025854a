package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable fix blocks of a Mentor note: fenced code labelled bash, sh, shell, zsh, console or
 * nothing. The built-in learner runs them just before the place the note is about.
 */
public final class MentorFixes {

  private static final Pattern FENCED =
      Pattern.compile(
          "(?ms)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w-]*)[^\\n]*\\n(.*?)^[ \\t]*\\1[ \\t]*$");
  private static final Set<String> RUNNABLE =
      Set.of("", "bash", "sh", "shell", "zsh", "console", "shell-session");

  private MentorFixes() {}

  /** The statements of every runnable block in {@code notes}, in order. */
  public static List<String> commands(String notes, CommandSplitter splitter) {
    List<String> commands = new ArrayList<>();
    if (notes == null) {
      return commands;
    }
    Matcher block = FENCED.matcher(notes);
    while (block.find()) {
      String language = block.group(2).toLowerCase(Locale.ROOT);
      if (!RUNNABLE.contains(language)) {
        continue;
      }
      List<String> lines = block.group(3).lines().toList();
      boolean console =
          language.equals("console")
              || language.equals("shell-session")
              || lines.stream()
                  .filter(l -> !l.isBlank())
                  .findFirst()
                  .map(l -> l.strip().startsWith("$ "))
                  .orElse(false);
      List<Command> statements = console ? splitter.console(lines, 1) : splitter.shell(lines, 1);
      statements.forEach(statement -> commands.add(statement.text()));
    }
    return commands;
  }
}
