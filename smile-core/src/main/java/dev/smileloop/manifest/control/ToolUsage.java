package dev.smileloop.manifest.control;

import dev.smileloop.manifest.entity.ManifestEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tutorial's commands use: the program each command segment starts (after assignments and
 * wrappers such as {@code sudo} or {@code env}), {@code python3 -m} modules, the services their
 * clients talk to, and the environment variables they read but never set. A shell parser would be
 * exact; this reads commands the way a reader skims them, which is enough to list what a reader
 * must have, and it never runs anything.
 */
public final class ToolUsage {

  /** One use: {@code kind} as in the manifest, {@code line} the tutorial line (0 when unknown). */
  public record Use(String name, String kind, int line) {}

  private static final Pattern SEGMENT_BREAK =
      Pattern.compile("\\|\\||&&|[;|&(){}`\\n]|\\$\\(|(?<=\\bsh -c )\"");

  /**
   * A double-quoted string that substitutes no command and is no {@code sh -c} script: its words
   * are data ({@code python3 -c "import x; print(1)"} runs no {@code print}), not programs.
   */
  private static final Pattern QUOTED =
      Pattern.compile("(?<!\\b(?:ba|da|z)?sh -c )\"(?:[^\"\\\\$`\\n]|\\\\.|\\$(?!\\())*\"");

  /** A shell comment: from a {@code #} that starts a word to the end of its line. */
  private static final Pattern COMMENT = Pattern.compile("(?m)(?:^|(?<=\\s))#(?!!).*$");

  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_][\\w-]*)['\"]?");
  // A program name ends in a letter or digit ("g++" and "c++" aside), so "i++" in "(( i++ ))" is
  // none.
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9._+-]*[A-Za-z0-9_])?|[gc]\\+\\+");
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\+)?=.*");
  private static final Pattern FUNCTION =
      Pattern.compile("(?m)(?:^|[;&\\s])(?:function\\s+)?([A-Za-z_][\\w-]*)\\s*\\(\\s*\\)");
  private static final Pattern ALIAS = Pattern.compile("\\balias\\s+([A-Za-z_][\\w-]*)=");
  private static final Pattern SETS_VARIABLE =
      Pattern.compile(
          "(?:^|[\\s;&|(])(?:export\\s+|readonly\\s+|local\\s+|declare\\s+(?:-\\w+\\s+)?)?"
              + "([A-Z_][A-Z0-9_]*)=|\\bread\\s+(?:-\\w+\\s+(?:'[^']*'|\"[^\"]*\"|\\S+)\\s+)*([A-Z_][A-Z0-9_]*)"
              + "|\\bfor\\s+([A-Z_][A-Z0-9_]*)\\s+in\\b");
  private static final Pattern READS_VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");
  private static final Pattern PYTHON_MODULE =
      Pattern.compile("\\b(python3?(?:\\.\\d+)?)\\s+-m\\s+([A-Za-z_][\\w.]*)");
  private static final Set<String> WRAPPERS =
      Set.of(
          "sudo", "env", "time", "nohup", "exec", "command", "builtin", "nice", "xargs", "then",
          "do", "else", "elif", "if", "while", "until", "!", "timeout", "watch", "strace", "doas");
  private static final Set<String> KEYWORDS =
      Set.of("for", "case", "esac", "fi", "done", "in", "function", "select", "]]", "}", "{");
  private static final Set<String> RUNTIMES =
      Set.of(
          "python", "python3", "node", "nodejs", "java", "ruby", "perl", "php", "go", "rustc",
          "dotnet", "deno", "bun", "lua", "Rscript", "julia", "erl", "elixir", "swift", "kotlin",
          "scala", "groovy", "pwsh");
  private static final Map<String, String> SERVICES =
      Map.of(
          "docker", "Docker engine",
          "podman", "Podman engine",
          "psql", "PostgreSQL server",
          "mysql", "MySQL server",
          "redis-cli", "Redis server",
          "mongosh", "MongoDB server",
          "kubectl", "Kubernetes cluster");

  /** Variables every shell sets: reading them assumes nothing. */
  static final Set<String> SHELL_VARIABLES =
      Set.of(
          "HOME",
          "PATH",
          "PWD",
          "OLDPWD",
          "USER",
          "LOGNAME",
          "SHELL",
          "LANG",
          "TERM",
          "RANDOM",
          "LINENO",
          "SECONDS",
          "UID",
          "EUID",
          "HOSTNAME",
          "IFS",
          "PPID",
          "BASHPID",
          "BASH_VERSION",
          "OSTYPE",
          "TMPDIR",
          "PS1",
          "PS2",
          "BASH_SOURCE",
          "FUNCNAME",
          "PIPESTATUS",
          "REPLY",
          "EDITOR",
          "SHLVL",
          "HOSTTYPE",
          "MACHTYPE",
          "COLUMNS",
          "LINES",
          "OPTARG",
          "OPTIND");

  private final Map<String, Use> uses = new LinkedHashMap<>();
  private final Set<String> defined = new HashSet<>();
  private final Set<String> setVariables = new HashSet<>();

  /** Adds the uses of one command the tutorial ran at {@code line}. */
  public ToolUsage add(String command, int line) {
    if (command == null || command.isBlank()) {
      return this;
    }
    String text = COMMENT.matcher(withoutHeredocBodies(command)).replaceAll("");
    Matcher function = FUNCTION.matcher(text);
    while (function.find()) {
      defined.add(function.group(1));
    }
    Matcher alias = ALIAS.matcher(text);
    while (alias.find()) {
      defined.add(alias.group(1));
    }
    Matcher sets = SETS_VARIABLE.matcher(text);
    while (sets.find()) {
      for (int g = 1; g <= 3; g++) {
        if (sets.group(g) != null) {
          setVariables.add(sets.group(g));
        }
      }
    }
    // Single-quoted text expands nothing; double-quoted text expands variables but runs no program
    // unless it substitutes a command.
    String literal = text.replaceAll("'[^'\\n]*'", "''");
    String unquoted = QUOTED.matcher(literal).replaceAll("\"\"");
    for (String segment : SEGMENT_BREAK.split(unquoted)) {
      program(segment).ifPresent(name -> use(name, line));
    }
    Matcher module = PYTHON_MODULE.matcher(literal);
    while (module.find()) {
      record(new Use(module.group(1) + " -m " + module.group(2), ManifestEntry.TOOL, line));
    }
    Matcher variable = READS_VARIABLE.matcher(literal);
    while (variable.find()) {
      String name = variable.group(1);
      if (!setVariables.contains(name) && !SHELL_VARIABLES.contains(name)) {
        record(new Use(name, ManifestEntry.ENV_VAR, line));
      }
    }
    return this;
  }

  /** Adds a script's interpreter named by its shebang ({@code #!/usr/bin/env python3}). */
  public ToolUsage addShebang(String shebang, int line) {
    String text = shebang.strip().substring(2).strip();
    String[] words = text.split("\\s+");
    String program = words[0].substring(words[0].lastIndexOf('/') + 1);
    if (program.equals("env")) {
      program =
          words.length > 1 && !words[1].startsWith("-")
              ? words[1]
              : words.length > 2 ? words[2] : "";
    }
    if (NAME.matcher(program).matches()) {
      use(program, line);
    }
    return this;
  }

  /** Every use in order of first use. */
  public List<Use> uses() {
    return List.copyOf(uses.values());
  }

  private void use(String name, int line) {
    if (defined.contains(name)) {
      return;
    }
    record(
        new Use(
            name,
            RUNTIMES.contains(name) || name.matches("python3\\.\\d+")
                ? ManifestEntry.RUNTIME
                : ManifestEntry.TOOL,
            line));
    String service = SERVICES.get(name);
    if (service != null) {
      record(new Use(service, ManifestEntry.SERVICE, line));
    }
  }

  private void record(Use use) {
    uses.putIfAbsent(use.kind() + ":" + use.name(), use);
  }

  private java.util.Optional<String> program(String segment) {
    List<String> words = new ArrayList<>(List.of(segment.strip().split("\\s+")));
    int i = 0;
    while (i < words.size()) {
      String word = words.get(i);
      if (word.isEmpty()
          || ASSIGNMENT.matcher(word).matches()
          || WRAPPERS.contains(word)
          || word.startsWith("-") && i > 0 && WRAPPERS.contains(words.get(i - 1))) {
        i++;
        if (word.equals("timeout") && i < words.size() && words.get(i).matches("\\d+\\w?")) {
          i++;
        }
        continue;
      }
      break;
    }
    if (i >= words.size()) {
      return java.util.Optional.empty();
    }
    String word = words.get(i);
    if (KEYWORDS.contains(word) || !NAME.matcher(word).matches() || word.matches("\\d+")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(word);
  }

  private static String withoutHeredocBodies(String command) {
    StringBuilder kept = new StringBuilder();
    String delimiter = null;
    for (String line : command.split("\n", -1)) {
      if (delimiter != null) {
        if (line.strip().equals(delimiter)) {
          delimiter = null;
        }
        continue;
      }
      kept.append(line).append('\n');
      Matcher heredoc = HEREDOC.matcher(line);
      if (heredoc.find()) {
        delimiter = heredoc.group(1);
      }
    }
    return kept.toString();
  }
}
