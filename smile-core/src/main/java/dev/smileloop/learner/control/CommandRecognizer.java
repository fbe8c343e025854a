package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.Command;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an unlabelled code block holds commands or shows output or prose: every statement
 * must start with something a shell runs (a builtin or keyword, a path such as {@code ./build.sh},
 * a program on the sandbox's PATH, or a well-known tool that may simply be missing, such as {@code
 * tree} or {@code npm}).
 */
final class CommandRecognizer {

  private static final Set<String> SHELL_WORDS =
      Set.of(
          "cd",
          "export",
          "echo",
          "printf",
          "source",
          ".",
          "set",
          "unset",
          "alias",
          "if",
          "for",
          "while",
          "until",
          "case",
          "function",
          "read",
          "test",
          "[",
          "[[",
          "eval",
          "exec",
          "pushd",
          "popd",
          "ulimit",
          "umask",
          "trap",
          "declare",
          "typeset",
          "type",
          "command",
          "hash",
          "wait",
          "kill",
          "true",
          "false",
          "exit",
          "shopt",
          "history",
          "jobs",
          "fg",
          "bg",
          "let",
          "local",
          "readonly",
          "time",
          "{",
          "(");
  private static final Set<String> WELL_KNOWN =
      Set.of(
          "tree",
          "npm",
          "npx",
          "yarn",
          "pnpm",
          "node",
          "nodejs",
          "deno",
          "bun",
          "python",
          "python3",
          "pip",
          "pip3",
          "pipx",
          "uv",
          "poetry",
          "pipenv",
          "conda",
          "virtualenv",
          "pytest",
          "flask",
          "django-admin",
          "uvicorn",
          "gunicorn",
          "docker",
          "docker-compose",
          "podman",
          "kubectl",
          "helm",
          "minikube",
          "kind",
          "git",
          "gh",
          "go",
          "cargo",
          "rustc",
          "rustup",
          "java",
          "javac",
          "jar",
          "mvn",
          "gradle",
          "sbt",
          "kotlin",
          "brew",
          "apt",
          "apt-get",
          "dnf",
          "yum",
          "apk",
          "snap",
          "sudo",
          "make",
          "cmake",
          "gcc",
          "g++",
          "clang",
          "curl",
          "wget",
          "jq",
          "yq",
          "code",
          "vim",
          "nano",
          "ruby",
          "gem",
          "bundle",
          "rails",
          "rake",
          "php",
          "composer",
          "dotnet",
          "terraform",
          "ansible",
          "vagrant",
          "aws",
          "gcloud",
          "az",
          "psql",
          "mysql",
          "sqlite3",
          "redis-cli",
          "mongosh",
          "ssh",
          "scp",
          "rsync",
          "tar",
          "zip",
          "unzip",
          "tsc",
          "eslint",
          "prettier",
          "jest",
          "ng",
          "flutter",
          "dart",
          "swift",
          "systemctl",
          "service",
          "nvm",
          "sdk",
          "http",
          "rg",
          "fd",
          "bat",
          "fzf",
          "tmux");
  private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern WORDLIKE =
      Pattern.compile("^[A-Za-z0-9_.+/~\\[-][A-Za-z0-9_.+/~\\[\\]-]*$");

  private final ExecutableLookup commands;
  private final CommandSplitter splitter;

  CommandRecognizer(ExecutableLookup commands, CommandSplitter splitter) {
    this.commands = commands;
    this.splitter = splitter;
  }

  /** Whether the lines of an unlabelled block are a console session ({@code $ } prompts). */
  boolean isConsole(List<String> lines) {
    return lines.stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .findFirst()
        .map(line -> line.startsWith("$ "))
        .orElse(false);
  }

  /** Whether every statement of an unlabelled block starts with a command. */
  boolean looksLikeCommands(List<String> lines) {
    List<String> content =
        lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    if (content.isEmpty() || !startsWithCommand(content.get(0))) {
      return false;
    }
    List<Command> statements = splitter.shell(lines, 1);
    return !statements.isEmpty()
        && statements.stream().allMatch(statement -> startsWithCommand(statement.text().strip()));
  }

  boolean startsWithCommand(String statement) {
    String[] words = statement.split("\\s+");
    int i = 0;
    while (i < words.length
        && (ASSIGNMENT.matcher(words[i]).matches() || words[i].equals("sudo"))) {
      i++;
    }
    if (i == words.length) {
      return i > 0 && ASSIGNMENT.matcher(words[0]).matches();
    }
    String word = words[i];
    if (proseLike(statement)) {
      return false;
    }
    return SHELL_WORDS.contains(word)
        || word.startsWith("./")
        || word.startsWith("../")
        || word.startsWith("~/")
        || word.startsWith("/") && word.length() > 1
        || WORDLIKE.matcher(word).matches() && (WELL_KNOWN.contains(word) || commands.has(word));
  }

  /** A sentence: a capitalised first word and a full stop at the end, several words long. */
  private static boolean proseLike(String statement) {
    return statement.matches("^[A-Z][a-z]+\\b.*[.!?:]$") && statement.split("\\s+").length >= 4;
  }
}
