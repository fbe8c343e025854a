package dev.smileloop.learner.student;

import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.TutorialStructure;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tools a tutorial tells its reader to have: every word of its prerequisites sections, and what
 * its install commands install ({@code apt-get install jq}, {@code pip install requests}, {@code
 * npm install -g serve}). A tool in this set that is missing here is the machine's problem, not the
 * tutorial's.
 */
final class DeclaredTools {

  private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9_.+-]*");
  private static final Pattern INSTALL =
      Pattern.compile(
          "(?:^|[;&|]\\s*)(?:sudo\\s+)?(?:apt-get|apt|dnf|yum|apk|brew|pacman|snap|pip3?|pipx|"
              + "python3?\\s+-m\\s+pip|npm|pnpm|yarn|gem|cargo|go)\\s+(?:-\\S+\\s+)*"
              + "(?:install|add|get|-S\\w*)\\b([^;&|\\n]*)",
          Pattern.MULTILINE);

  private DeclaredTools() {}

  static Set<String> of(TutorialStructure structure) {
    Set<String> tools = new TreeSet<>();
    for (Step step : structure.steps()) {
      if (step.kind() == StepKind.PREREQUISITES) {
        for (Paragraph paragraph : step.paragraphs()) {
          words(paragraph.text(), tools);
        }
        for (CodeBlock block : step.blocks()) {
          words(block.content(), tools);
        }
      }
      for (CodeBlock block : step.blocks()) {
        for (Command command : block.commands()) {
          Matcher install = INSTALL.matcher(command.text());
          while (install.find()) {
            for (String word : install.group(1).strip().split("\\s+")) {
              String name = word.replaceAll("^['\"]|['\"]$", "").replaceFirst("[=@<>].*$", "");
              if (!name.isEmpty() && !name.startsWith("-")) {
                tools.add(name.toLowerCase(Locale.ROOT));
              }
            }
          }
        }
      }
    }
    return Set.copyOf(tools);
  }

  private static void words(String text, Set<String> into) {
    Matcher word = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (word.find()) {
      into.add(word.group());
    }
  }
}
