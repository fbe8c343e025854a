package dev.smileloop.learner.control;

import dev.smileloop.learner.mentor.SystemPackages;
import dev.smileloop.learner.mentor.ToolCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * System package installs ({@code sudo apt-get install jq}, {@code brew install tree}, ...). They
 * cannot work in a read-only, offline sandbox, which says nothing about the tutorial; what matters
 * is whether the packages are there anyway.
 */
public final class PackageInstall {

  private PackageInstall() {}

  /** The packages a command installs, if it is a system package install. */
  public static Optional<List<String>> packages(String command) {
    return SystemPackages.packages(command);
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
