package dev.smileloop.manifest.control;

import dev.smileloop.config.entity.EnvironmentSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every reader is assumed to have: the configured baseline with {@value
 * EnvironmentSettings#POSIX} expanded to a POSIX shell, its builtins, coreutils and the usual POSIX
 * utilities.
 */
public final class Baseline {

  /** Shell builtins and keywords: part of any shell, never installed separately. */
  static final Set<String> SHELL_BUILTINS =
      Set.of(
          "cd",
          "echo",
          "printf",
          "export",
          "unset",
          "set",
          "read",
          "source",
          ".",
          "exit",
          "return",
          "alias",
          "unalias",
          "type",
          "command",
          "builtin",
          "hash",
          "jobs",
          "fg",
          "bg",
          "wait",
          "trap",
          "shift",
          "break",
          "continue",
          "eval",
          "exec",
          "local",
          "declare",
          "typeset",
          "readonly",
          "let",
          "pushd",
          "popd",
          "dirs",
          "umask",
          "ulimit",
          "history",
          "true",
          "false",
          "test",
          "[",
          "[[",
          "getopts",
          "times",
          "kill",
          "pwd",
          ":",
          "shopt",
          "complete",
          "help",
          "mapfile",
          "disown",
          "suspend",
          "enable",
          "caller",
          "compgen",
          "logout");

  private static final Set<String> POSIX_TOOLS =
      Set.of(
          "sh",
          "bash",
          "dash",
          "cat",
          "ls",
          "cp",
          "mv",
          "rm",
          "mkdir",
          "rmdir",
          "touch",
          "chmod",
          "chown",
          "chgrp",
          "ln",
          "head",
          "tail",
          "wc",
          "sort",
          "uniq",
          "cut",
          "tr",
          "tee",
          "grep",
          "egrep",
          "fgrep",
          "sed",
          "awk",
          "find",
          "xargs",
          "env",
          "date",
          "sleep",
          "basename",
          "dirname",
          "diff",
          "cmp",
          "expr",
          "ps",
          "uname",
          "id",
          "whoami",
          "which",
          "tar",
          "gzip",
          "gunzip",
          "zcat",
          "file",
          "du",
          "df",
          "stat",
          "realpath",
          "readlink",
          "mktemp",
          "seq",
          "yes",
          "nl",
          "od",
          "split",
          "join",
          "paste",
          "comm",
          "fold",
          "fmt",
          "printenv",
          "nohup",
          "time",
          "timeout",
          "tty",
          "stty",
          "hostname",
          "less",
          "more",
          "man",
          "vi",
          "clear",
          "md5sum",
          "sha1sum",
          "sha256sum",
          "sha512sum",
          "cksum",
          "base64",
          "install",
          "dd",
          "nice",
          "logname",
          "groups",
          "tac",
          "rev",
          "shuf",
          "truncate",
          "sync",
          "users",
          "who",
          "w",
          "uptime",
          "free",
          "top",
          "locale",
          "iconv",
          "getconf",
          "pathchk",
          "csplit",
          "expand",
          "unexpand",
          "pr",
          "strings",
          "tput",
          "cal",
          "bc",
          "dc",
          "patch",
          "mkfifo",
          "pgrep",
          "pkill",
          "killall",
          "lsof");

  private final List<String> configured;
  private final Set<String> names;

  public Baseline(List<String> configured) {
    this.configured = List.copyOf(configured);
    Set<String> all = new HashSet<>(SHELL_BUILTINS);
    for (String entry : configured) {
      String name = entry.strip().toLowerCase(Locale.ROOT);
      if (name.equals(EnvironmentSettings.POSIX)) {
        all.addAll(POSIX_TOOLS);
      } else {
        all.add(name);
      }
    }
    this.names = Set.copyOf(all);
  }

  public static Baseline of(EnvironmentSettings settings) {
    return new Baseline(
        settings == null ? List.of(EnvironmentSettings.POSIX) : settings.baseline());
  }

  /** The baseline as configured, for the report. */
  public List<String> configured() {
    return configured;
  }

  public boolean contains(String name) {
    return names.contains(name.toLowerCase(Locale.ROOT));
  }

  static boolean builtin(String name) {
    return SHELL_BUILTINS.contains(name);
  }
}
