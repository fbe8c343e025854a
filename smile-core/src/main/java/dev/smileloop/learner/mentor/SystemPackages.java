package dev.smileloop.learner.mentor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * System package installs ({@code sudo apt-get install jq}, {@code brew install tree}, ...): which
 * packages a command installs.
 */
public final class SystemPackages {

  private static final Pattern INSTALL =
      Pattern.compile(
          "(?:^|[;&|]\\s*)(?:sudo\\s+(?:-\\S+\\s+)*)?(apt-get|apt|aptitude|dnf|yum|zypper|apk|pacman|brew|port|snap)"
              + "\\s+(?:-\\S+\\s+)*(?:install|add|-S\\w*)\\b([^;&|\\n]*)",
          Pattern.MULTILINE);

  private SystemPackages() {}

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
}
