package dev.smileloop.learner.student;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a failure only follows from an earlier one the learner could not get past: it works on
 * the same file, folder, script or package ({@code ./wc-notes}, {@code notes/monday.txt}, {@code
 * tinydb}). Such a failure is noted, not reported as another gap. A failure after a vague step
 * still counts: it shows what the vague step left out.
 */
final class Dependencies {

  private static final Pattern SEPARATORS = Pattern.compile("[\\s;|&<>()'\"=`]+");
  private static final Set<String> KEYWORDS =
      Set.of("import", "from", "print", "then", "else", "done", "echo", "true", "false", "null");

  private Dependencies() {}

  static Difficulty causeOf(Difficulty later, List<Difficulty> earlier) {
    Set<String> names = names(later.command());
    for (Difficulty before : earlier) {
      if (before.location().line() >= later.location().line()) {
        continue;
      }
      Set<String> shared = new HashSet<>(names(before.command()));
      shared.retainAll(names);
      if (!shared.isEmpty()) {
        return before;
      }
    }
    return null;
  }

  /** Whether two commands work on a same name. */
  static boolean shareNames(String one, String other) {
    Set<String> shared = names(one);
    shared.retainAll(names(other));
    return !shared.isEmpty();
  }

  /**
   * The names a command works on: its arguments after the program (and a subcommand word such as
   * {@code install}), without options and short words; {@code ./x} counts as {@code x}.
   */
  static Set<String> names(String command) {
    Set<String> names = new HashSet<>();
    if (command == null) {
      return names;
    }
    String[] words = SEPARATORS.split(command.strip());
    for (int i = 1; i < words.length; i++) {
      String word = words[i].replaceFirst("^\\./", "").replaceFirst("/+$", "");
      boolean subcommand = i == 1 && word.matches("[a-z]+");
      if (!subcommand && word.length() >= 3 && !word.startsWith("-") && !KEYWORDS.contains(word)) {
        names.add(word);
      }
    }
    if (words.length > 0 && words[0].startsWith("./")) {
      names.add(words[0].substring(2));
    }
    return names;
  }
}
