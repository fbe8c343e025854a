package dev.smileloop.learner.mentor;

import dev.smileloop.tutorial.control.TutorialReader;
import dev.smileloop.tutorial.entity.TutorialDocument;
import dev.smileloop.tutorial.entity.TutorialDocument.Block;
import dev.smileloop.tutorial.entity.TutorialDocument.Code;
import dev.smileloop.tutorial.entity.TutorialDocument.Heading;
import dev.smileloop.tutorial.entity.TutorialDocument.Prose;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tutorial declares, read from its one {@link TutorialDocument}: every word of its
 * prerequisites sections (any language's usual heading, prose and code), the tools a sentence
 * elsewhere requires, needs or installs, and what its install commands bring ({@code apt-get
 * install jq}, {@code pip install requests}, {@code npm install -g serve}). Product names map to
 * the commands they bring ("Node.js" declares {@code node}, {@code npm} and {@code npx}). Naming a
 * tool is not asking for it: a tutorial titled "Make for beginners" that never says to have make
 * assumes it. The Student, the environment classifier's callers, the Mentor and the
 * assumed-environment manifest all ask here, so a tool is declared for all of them or for none.
 * Names are lower-cased.
 */
public final class DeclaredTools {

  private static final Pattern PREREQUISITES =
      Pattern.compile(
          "(?i)prerequisite|requirement|before you (?:begin|start)|what you(?:'ll| will)? need|"
              + "you(?:'ll| will) need|dependencies|setup|set up|installation|voraussetzung|"
              + "pr[ée]requis|requisito|requisiti|требования|前提|准备|必要|準備");
  private static final Pattern ASKS =
      Pattern.compile(
          "(?i)\\b(?:requires?|required|needs?|needed|install(?:ed|ing|s)?|make sure|have .{0,40}"
              + "installed|download|benötigt|installier\\w*|nécessite|installez|necesita|instala\\w*)\\b");
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9.+_-]*");
  private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)]*\\)|<[a-z]+://[^>]*>");
  private static final Pattern LANGUAGE_INSTALL =
      Pattern.compile(
          "\\b(?:pip3?|python3? -m pip|pipx|npm|yarn|pnpm|gem|cargo|go|brew|conda)\\s+"
              + "(?:install|i|add|get|global add)\\s+((?:-[-\\w=]+\\s+)*[^;&|\\n]*)");
  private static final Pattern MANAGER_INSTALL =
      Pattern.compile(
          "\\b(nvm|sdk|rustup|pyenv)\\s+(?:install|default|toolchain install)\\s+(\\S+)");
  private static final Map<String, List<String>> PRODUCTS =
      Map.ofEntries(
          Map.entry("node.js", List.of("node", "npm", "npx")),
          Map.entry("nodejs", List.of("node", "npm", "npx")),
          Map.entry("node", List.of("node", "npm", "npx")),
          Map.entry("npm", List.of("npm", "npx")),
          Map.entry("nvm", List.of("node", "npm", "npx", "nvm")),
          Map.entry("python", List.of("python", "python3", "pip", "pip3")),
          Map.entry("python3", List.of("python3", "pip3", "pip")),
          Map.entry("pip", List.of("pip", "pip3")),
          Map.entry("java", List.of("java", "javac", "jar")),
          Map.entry("jdk", List.of("java", "javac", "jar")),
          Map.entry("openjdk", List.of("java", "javac", "jar")),
          Map.entry("maven", List.of("mvn")),
          Map.entry("gradle", List.of("gradle")),
          Map.entry("docker", List.of("docker", "docker-compose")),
          Map.entry("podman", List.of("podman")),
          Map.entry("gcc", List.of("gcc", "cc", "g++")),
          Map.entry("build-essential", List.of("gcc", "cc", "g++", "make")),
          Map.entry("clang", List.of("clang", "cc")),
          Map.entry("golang", List.of("go")),
          Map.entry("rust", List.of("cargo", "rustc")),
          Map.entry("rustup", List.of("cargo", "rustc", "rustup")),
          Map.entry("ruby", List.of("ruby", "gem", "irb")),
          Map.entry("postgresql", List.of("psql", "PostgreSQL server")),
          Map.entry("postgres", List.of("psql", "PostgreSQL server")),
          Map.entry("mysql", List.of("mysql", "MySQL server")),
          Map.entry("redis", List.of("redis-cli", "Redis server")),
          Map.entry("mongodb", List.of("mongosh", "MongoDB server")),
          Map.entry("kubernetes", List.of("kubectl", "Kubernetes cluster")),
          Map.entry("httpie", List.of("http")),
          Map.entry("ripgrep", List.of("rg")),
          Map.entry("imagemagick", List.of("convert", "magick")),
          Map.entry("sdkman", List.of("sdk")));

  private DeclaredTools() {}

  /** The names a tutorial's Markdown declares, with what {@code commands} install. */
  public static Set<String> of(String markdown, List<String> commands) {
    return of(markdown == null ? null : TutorialReader.read(markdown), commands);
  }

  /**
   * The names a tutorial declares, from its document and the commands it runs ({@code commands} may
   * include commands that are not in the document, such as an agent's own install steps).
   */
  public static Set<String> of(TutorialDocument document, List<String> commands) {
    Set<String> declared = new HashSet<>();
    if (document != null) {
      read(document, declared);
    }
    for (String command : commands) {
      if (command != null) {
        installs(command, declared);
      }
    }
    return Set.copyOf(declared);
  }

  /** Prerequisite sections whole, elsewhere only sentences that ask. */
  private static void read(TutorialDocument document, Set<String> declared) {
    int prerequisiteLevel = 0;
    for (Block block : document.blocks()) {
      if (block instanceof Heading heading) {
        if (prerequisiteLevel > 0 && heading.level() <= prerequisiteLevel) {
          prerequisiteLevel = 0;
        }
        if (PREREQUISITES.matcher(heading.text()).find()) {
          prerequisiteLevel = heading.level();
        }
      } else if (block instanceof Prose prose) {
        String text = LINK_TARGET.matcher(prose.text()).replaceAll("]");
        if (prerequisiteLevel > 0) {
          words(text, declared);
        } else {
          asked(text, declared);
        }
      } else if (block instanceof Code code) {
        String content = String.join("\n", code.content());
        installs(content, declared);
        if (prerequisiteLevel > 0) {
          words(content, declared);
        }
      }
    }
  }

  private static void asked(String text, Set<String> declared) {
    for (String sentence : text.split("(?<=[.!?:])\\s+")) {
      Matcher asks = ASKS.matcher(sentence);
      if (asks.find()) {
        // What follows the verb is what is asked for; "Make sure" itself declares no make.
        words(sentence.substring(asks.start()), declared);
      }
    }
  }

  /** Adds what an install command brings. */
  static void installs(String command, Set<String> declared) {
    SystemPackages.packages(command)
        .ifPresent(
            packages ->
                packages.forEach(
                    name -> {
                      name(name, declared);
                      ToolCatalog.commandsIn(name).forEach(c -> declared.add(lower(c)));
                    }));
    Matcher language = LANGUAGE_INSTALL.matcher(command);
    while (language.find()) {
      for (String word : language.group(1).strip().split("\\s+")) {
        if (!word.startsWith("-") && !word.isBlank()) {
          String name = word.replaceAll("['\"]", "").replaceFirst("(?<=.)[@=<>~].*$", "");
          name(name.substring(name.lastIndexOf('/') + 1), declared);
        }
      }
    }
    Matcher manager = MANAGER_INSTALL.matcher(command);
    while (manager.find()) {
      switch (manager.group(1)) {
        case "nvm" -> name("node", declared);
        case "rustup" -> name("rust", declared);
        case "pyenv" -> name("python", declared);
        default -> name(manager.group(2), declared);
      }
    }
  }

  private static void words(String text, Set<String> declared) {
    Matcher word = WORD.matcher(text.replaceAll("(?i)\\bmake sure\\b", " "));
    while (word.find()) {
      name(word.group().replaceFirst("[.]+$", ""), declared);
    }
  }

  private static void name(String raw, Set<String> declared) {
    String name = lower(raw);
    if (name.isEmpty()) {
      return;
    }
    declared.add(name);
    List<String> brings = PRODUCTS.get(name);
    if (brings == null) {
      brings = PRODUCTS.get(name.replaceFirst("[-.]?\\d+(\\.\\d+)*$", ""));
    }
    if (brings != null) {
      brings.forEach(b -> declared.add(lower(b)));
    }
    // "python3.11" declares python3 too; "gcc-12" declares gcc.
    String unversioned = name.replaceFirst("(?<=[a-z])[-.]?\\d+(\\.\\d+)*$", "");
    if (!unversioned.equals(name) && !unversioned.isEmpty()) {
      declared.add(unversioned);
      if (unversioned.equals("python")) {
        declared.add("python3");
      }
    }
  }

  private static String lower(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
