package dev.smileloop.learner.mentor;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Mentor knows about common command-line tools: the package that installs each one, and,
 * for some, a stand-in made of tools the sandbox has.
 */
public final class ToolCatalog {

  /** Package names; null where the platform has none worth naming. */
  public record Install(String debian, String fedora, String homebrew) {
    public String describe() {
      StringBuilder text = new StringBuilder();
      if (debian != null) {
        text.append("Debian/Ubuntu: `sudo apt-get install ").append(debian).append('`');
      }
      if (fedora != null) {
        text.append(text.length() > 0 ? "; " : "")
            .append("Fedora: `sudo dnf install ")
            .append(fedora)
            .append('`');
      }
      if (homebrew != null) {
        text.append(text.length() > 0 ? "; " : "")
            .append("macOS: `brew install ")
            .append(homebrew)
            .append('`');
      }
      return text.toString();
    }
  }

  /** A shell function standing in for a missing tool, built on {@code requires}. */
  public record StandIn(
      String requires, String definition, String explanation, String alternative) {}

  private static final Map<String, Install> PACKAGES =
      Map.ofEntries(
          entry("tree", new Install("tree", "tree", "tree")),
          entry("jq", new Install("jq", "jq", "jq")),
          entry("yq", new Install("yq", "yq", "yq")),
          entry("curl", new Install("curl", "curl", "curl")),
          entry("wget", new Install("wget", "wget", "wget")),
          entry("git", new Install("git", "git", "git")),
          entry("make", new Install("make", "make", null)),
          entry("gcc", new Install("gcc", "gcc", null)),
          entry("g++", new Install("g++", "gcc-c++", null)),
          entry("cmake", new Install("cmake", "cmake", "cmake")),
          entry("python", new Install("python-is-python3", "python-unversioned-command", "python")),
          entry("python3", new Install("python3", "python3", "python")),
          entry("pip", new Install("python3-pip", "python3-pip", "python")),
          entry("pip3", new Install("python3-pip", "python3-pip", "python")),
          entry("node", new Install("nodejs", "nodejs", "node")),
          entry("nodejs", new Install("nodejs", "nodejs", "node")),
          entry("npm", new Install("npm", "npm", "node")),
          entry("npx", new Install("npm", "npm", "node")),
          entry("java", new Install("openjdk-17-jdk", "java-17-openjdk-devel", "openjdk@17")),
          entry("javac", new Install("openjdk-17-jdk", "java-17-openjdk-devel", "openjdk@17")),
          entry("mvn", new Install("maven", "maven", "maven")),
          entry("gradle", new Install("gradle", "gradle", "gradle")),
          entry("go", new Install("golang-go", "golang", "go")),
          entry("cargo", new Install("cargo", "cargo", "rust")),
          entry("rustc", new Install("rustc", "rust", "rust")),
          entry("ruby", new Install("ruby", "ruby", "ruby")),
          entry("php", new Install("php-cli", "php-cli", "php")),
          entry("docker", new Install("docker.io", "moby-engine", "--cask docker")),
          entry(
              "docker-compose", new Install("docker-compose", "docker-compose", "docker-compose")),
          entry("sqlite3", new Install("sqlite3", "sqlite", "sqlite")),
          entry("psql", new Install("postgresql-client", "postgresql", "libpq")),
          entry("mysql", new Install("default-mysql-client", "mysql", "mysql-client")),
          entry("redis-cli", new Install("redis-tools", "redis", "redis")),
          entry("unzip", new Install("unzip", "unzip", "unzip")),
          entry("zip", new Install("zip", "zip", "zip")),
          entry("tmux", new Install("tmux", "tmux", "tmux")),
          entry("htop", new Install("htop", "htop", "htop")),
          entry("shellcheck", new Install("shellcheck", "ShellCheck", "shellcheck")),
          entry("rg", new Install("ripgrep", "ripgrep", "ripgrep")),
          entry("fd", new Install("fd-find", "fd-find", "fd")),
          entry("bat", new Install("bat", "bat", "bat")),
          entry("http", new Install("httpie", "httpie", "httpie")),
          entry("gh", new Install("gh", "gh", "gh")),
          entry("nc", new Install("netcat-openbsd", "nmap-ncat", "netcat")),
          entry("xmllint", new Install("libxml2-utils", "libxml2", "libxml2")),
          entry("kubectl", new Install("kubectl", "kubernetes-client", "kubernetes-cli")),
          entry("ssh", new Install("openssh-client", "openssh-clients", null)),
          entry("rsync", new Install("rsync", "rsync", "rsync")),
          entry("ffmpeg", new Install("ffmpeg", "ffmpeg", "ffmpeg")),
          entry("convert", new Install("imagemagick", "ImageMagick", "imagemagick")));

  private static final Map<String, StandIn> STAND_INS =
      Map.ofEntries(
          entry(
              "tree",
              new StandIn(
                  "find",
                  "tree() { local dir; for dir in \"${@:-.}\"; do case \"$dir\" in -*) continue ;; esac;"
                      + " find \"$dir\" | sort | sed -e 's|[^/]*/|  |g'; done; }",
                  "lists the folders and files with `find`, indented by depth",
                  "find")),
          entry(
              "python",
              new StandIn("python3", "python() { python3 \"$@\"; }", "runs `python3`", "python3")),
          entry(
              "pip",
              new StandIn(
                  "python3",
                  "pip() { python3 -m pip \"$@\"; }",
                  "runs `python3 -m pip`",
                  "python3 -m pip")),
          entry(
              "pip3",
              new StandIn(
                  "python3",
                  "pip3() { python3 -m pip \"$@\"; }",
                  "runs `python3 -m pip`",
                  "python3 -m pip")),
          entry(
              "node",
              new StandIn("nodejs", "node() { nodejs \"$@\"; }", "runs `nodejs`", "nodejs")),
          entry("nodejs", new StandIn("node", "nodejs() { node \"$@\"; }", "runs `node`", "node")),
          entry(
              "fd",
              new StandIn(
                  "fdfind",
                  "fd() { fdfind \"$@\"; }",
                  "runs `fdfind`, Debian's name for it",
                  "fdfind")),
          entry(
              "bat",
              new StandIn(
                  "batcat",
                  "bat() { batcat \"$@\"; }",
                  "runs `batcat`, Debian's name for it",
                  "batcat")),
          entry("ll", new StandIn("ls", "ll() { ls -l \"$@\"; }", "runs `ls -l`", "ls -l")),
          entry(
              "md5", new StandIn("md5sum", "md5() { md5sum \"$@\"; }", "runs `md5sum`", "md5sum")),
          entry(
              "sha256sum",
              new StandIn(
                  "shasum",
                  "sha256sum() { shasum -a 256 \"$@\"; }",
                  "runs `shasum -a 256`",
                  "shasum -a 256")),
          entry("netstat", new StandIn("ss", "netstat() { ss \"$@\"; }", "runs `ss`", "ss")),
          entry(
              "ifconfig",
              new StandIn("ip", "ifconfig() { ip address; }", "runs `ip address`", "ip address")));

  private ToolCatalog() {}

  public static Optional<Install> install(String command) {
    return Optional.ofNullable(PACKAGES.get(command));
  }

  /** The commands a package installs, as far as the catalog knows (its own name aside). */
  public static List<String> commandsIn(String packageName) {
    List<String> commands = new ArrayList<>();
    PACKAGES.forEach(
        (command, install) -> {
          boolean provides =
              packageName.equals(install.debian())
                  || packageName.equals(install.fedora())
                  || packageName.equals(install.homebrew());
          if (provides && !command.equals(packageName)) {
            commands.add(command);
          }
        });
    if (packageName.equals("build-essential")) {
      commands.addAll(List.of("gcc", "make"));
    }
    commands.sort(null);
    return commands;
  }

  public static Optional<StandIn> standIn(String command) {
    return Optional.ofNullable(STAND_INS.get(command));
  }
}
