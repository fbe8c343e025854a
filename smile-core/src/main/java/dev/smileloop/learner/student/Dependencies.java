package dev.smileloop.learner.student;

import dev.smileloop.learner.entity.StuckTrigger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a failure only follows from an earlier one the learner could not get past: it names the
 * same file, folder or script (a word with a dot, slash or dash, such as {@code ./wc-notes} or
 * {@code notes/monday.txt}), or it is the first failure after a vague step. Such a failure is
 * noted, not reported as another gap.
 */
final class Dependencies {

  private static final Pattern NAME = Pattern.compile("[\\w~][\\w.~/-]*[./-][\\w.~/-]*\\w");

  private Dependencies() {}

  static Difficulty causeOf(Difficulty later, List<Difficulty> earlier) {
    Set<String> names = names(later.command());
    for (Difficulty before : earlier) {
      if (before.location().line() >= later.location().line()) {
        continue;
      }
      if (before.trigger() == StuckTrigger.AMBIGUOUS_INSTRUCTION
          && earlier.stream()
              .noneMatch(
                  d ->
                      d != before
                          && d.location().line() > before.location().line()
                          && d.location().line() < later.location().line())) {
        return before;
      }
      Set<String> shared = new HashSet<>(names(before.command()));
      shared.retainAll(names);
      if (!shared.isEmpty()) {
        return before;
      }
    }
    return null;
  }

  private static Set<String> names(String command) {
    Set<String> names = new HashSet<>();
    if (command == null) {
      return names;
    }
    Matcher name = NAME.matcher(command);
    while (name.find()) {
      String found = name.group().replaceFirst("^\\./", "").replaceFirst("/+$", "");
      if (found.length() >= 3 && !found.startsWith("-")) {
        names.add(found);
      }
    }
    return names;
  }
}
