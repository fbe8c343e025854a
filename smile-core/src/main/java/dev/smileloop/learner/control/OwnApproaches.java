package dev.smileloop.learner.control;

import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.entity.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a learner tries on its own before asking, each only where it fits: a script that is not
 * executable is run with {@code bash}; a missing {@code python} or {@code pip} (and a few other
 * tools Debian ships under another name) is replaced by the name that exists; a missing folder for
 * {@code cd} or {@code mkdir} is created with {@code mkdir -p}. Stand-ins that emulate a tool (such
 * as {@code tree} through {@code find}) are left to the Mentor.
 */
public final class OwnApproaches {

  /** One approach: its commands in order; the last one's result decides. */
  public record Approach(String description, List<String> commands) {}

  static final Map<String, List<String>> OTHER_NAMES =
      Map.of(
          "python", List.of("python3"),
          "pip", List.of("pip3", "python3 -m pip"),
          "pip3", List.of("python3 -m pip"),
          "node", List.of("nodejs"),
          "nodejs", List.of("node"),
          "fd", List.of("fdfind"),
          "bat", List.of("batcat"),
          "docker-compose", List.of("docker compose"));

  private static final Pattern PROGRAM_PATH =
      Pattern.compile("^\\s*((?:\\.{1,2}/|/|~/|[\\w.+-]+/)[\\w./+-]*)(.*)$", Pattern.DOTALL);
  private static final Pattern CD =
      Pattern.compile("^\\s*cd\\s+(?:--\\s+)?(\"[^\"]+\"|'[^']+'|[^\\s;&|]+)");
  private static final Pattern MKDIR_WITHOUT_P =
      Pattern.compile("^\\s*mkdir\\s+(?!.*(?:^|\\s)-\\w*p)");

  private OwnApproaches() {}

  public static List<Approach> forMissing(
      String missing, String command, ExecutableLookup commands) {
    List<Approach> approaches = new ArrayList<>();
    for (String other : OTHER_NAMES.getOrDefault(missing, List.of())) {
      if (!commands.has(other.split(" ")[0])) {
        continue;
      }
      String replaced = replaceCommandWord(command, missing, other);
      Matcher path = PROGRAM_PATH.matcher(command);
      if (!replaced.equals(command)) {
        approaches.add(
            new Approach(
                "ran `"
                    + OutputText.shortCommand(replaced)
                    + "` (`"
                    + other
                    + "` instead of `"
                    + missing
                    + "`, which is not installed)",
                List.of(replaced)));
      } else if (path.matches()) {
        // The script's first line (#!/usr/bin/env python) names the missing interpreter.
        String direct = other + " " + path.group(1) + path.group(2);
        approaches.add(
            new Approach(
                "ran `"
                    + OutputText.shortCommand(direct)
                    + "` because the script asks for `"
                    + missing
                    + "`, which is not installed",
                List.of(direct)));
      }
    }
    return approaches;
  }

  public static List<Approach> forFailure(String command, CommandResult result) {
    List<Approach> approaches = new ArrayList<>();
    String output = result.output();
    Matcher path = PROGRAM_PATH.matcher(command);
    if (path.matches()
        && (result.exitCode() == 126 || output.contains("Permission denied"))
        && output.contains(path.group(1))) {
      String viaBash = "bash " + path.group(1) + path.group(2);
      approaches.add(
          new Approach(
              "ran `"
                  + OutputText.shortCommand(viaBash)
                  + "` because `"
                  + path.group(1)
                  + "` is not executable",
              List.of(viaBash)));
    }
    boolean noSuchFile = output.contains("No such file or directory");
    Matcher cd = CD.matcher(command);
    if (noSuchFile && cd.find()) {
      String folder = cd.group(1);
      approaches.add(
          new Approach(
              "created the missing folder with `mkdir -p " + folder + "` and ran the command again",
              List.of("mkdir -p -- " + folder, command)));
    } else if (noSuchFile && MKDIR_WITHOUT_P.matcher(command).find()) {
      String withParents = command.replaceFirst("mkdir\\s+", "mkdir -p ");
      approaches.add(
          new Approach(
              "ran `"
                  + OutputText.shortCommand(withParents)
                  + "` so the parent folders are created too",
              List.of(withParents)));
    }
    return approaches;
  }

  /** Replaces {@code word} where the shell would run it as a command, not inside arguments. */
  static String replaceCommandWord(String command, String word, String replacement) {
    Pattern position =
        Pattern.compile(
            "(^|[;&|(!{]\\s*|\\$\\(\\s*|\\n\\s*|\\b(?:sudo|exec|time|then|do|else|xargs|env|nohup)\\s+)"
                + Pattern.quote(word)
                + "(?=\\s|$|;|\\))",
            Pattern.MULTILINE);
    return position
        .matcher(command)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + replacement));
  }
}
