package dev.smileloop.learner.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * System package installs ({@code sudo apt-get install jq}, {@code brew install tree}, ...). They
 * cannot work in a read-only, offline sandbox, which says nothing about the tutorial; what matters
 * is whether the packages are there anyway.
 */
public final class PackageInstall {

  private static final Pattern INSTALL =
      Pattern.compile(
          "(?:^|[;&|]\\s*)(?:sudo\\s+(?:-\\S+\\s+)*)?(apt-get|apt|aptitude|dnf|yum|zypper|apk|pacman|brew|port|snap)"
              + "\\s+(?:-\\S+\\s+)*(?:install|add|-S\\w*)\\b([^;&|\\n]*)",
          Pattern.MULTILINE);

  private PackageInstall() {}

  /** The packages a command installs, if it is a system package install. */
  public static Optional<List<String>> packages(String command) {
    Matcher install = INSTALL.matcher(command);
    List<String> packages = new ArrayList<>();
    while (install.find()) {
      for (String word : install.group(2).strip().split("\\s+")) {
        String name = word.replaceAll("^['\"]|['\"]$", "").replaceFirst("[=@].*$", "");
        if (!name.isEmpty() && !name.startsWith("-") && name.matches("[\\w.+:-]+")) {
          packages.add(name);
        }
      }
    }
    return packages.isEmpty() ? Optional.empty() : Optional.of(packages);
  }

  /**
   * A bash command that prints every package that is neither installed (dpkg) nor provides a
   * command of its own name or of a name the tool catalog knows for it.
   */
  public static String missingCheck(List<String> packages) {
    return packages.stream()
        .map(
            name -> {
              List<String> tests = new ArrayList<>();
              tests.add("dpkg -s " + quote(name));
              tests.add("command -v " + quote(name));
              ToolCatalog.commandsIn(name)
                  .forEach(command -> tests.add("command -v " + quote(command)));
              return "{ "
                  + String.join(" || ", tests)
                  + "; } >/dev/null 2>&1 || echo "
                  + quote(name);
            })
        .collect(Collectors.joining("; "));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
