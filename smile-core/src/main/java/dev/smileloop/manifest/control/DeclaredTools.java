package dev.smileloop.manifest.control;

import dev.smileloop.learner.mentor.SystemPackages;
import dev.smileloop.learner.mentor.ToolCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * What a tutorial declares: the tools named in a prerequisites section (any language's usual
 * heading), in a sentence that requires, needs or installs them, or installed by one of its
 * commands ({@code apt-get install}, {@code pip install}, {@code npm install -g}, ...). Product
 * names map to the commands they bring ("Node.js" declares {@code node}, {@code npm} and {@code
 * npx}).
 */
public final class DeclaredTools {

  private static final Pattern PREREQUISITES =
      Pattern.compile(
          "(?i)prerequisite|requirement|before you (?:begin|start)|what you(?:'ll| will)? need|"
              + "you(?:'ll| will) need|dependencies|setup|set up|installation|voraussetzung|"
              + "prérequis|requisitos|requisiti|требования|前提|准备|必要");
  private static final Pattern ASKS =
      Pattern.compile(
          "(?i)\\b(?:requires?|required|needs?|needed|install(?:ed|ing|s)?|make sure|have .{0,40}"
              + "installed|download|benötigt|installier\\w*|nécessite|installez|necesita|instala\\w*)\\b");
  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9.+_-]*");
  private static final Pattern LANGUAGE_INSTALL =
      Pattern.compile(
          "\\b(?:pip3?|python3? -m pip|pipx|npm|yarn|pnpm|gem|cargo|go|brew|conda)\\s+(?:install|i|add|global add)"
              + "\\s+((?:-[-\\w=]+\\s+)*[^;&|\\n]*)");
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

  /**
   * The names a tutorial declares, lower-cased, from its Markdown and the commands it runs ({@code
   * commands} may include commands that never ran, such as the Markdown's own install steps).
   */
  public static Set<String> of(String markdown, List<String> commands) {
    Set<String> declared = new HashSet<>();
    if (markdown != null) {
      Node document = Parser.builder().build().parse(markdown);
      document.accept(new Reader(declared));
    }
    for (String command : commands) {
      if (command != null) {
        installs(command, declared);
      }
    }
    return Set.copyOf(declared);
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

  /** Walks the document: prerequisite sections whole, elsewhere only sentences that ask. */
  private static final class Reader extends AbstractVisitor {
    private final Set<String> declared;
    private int prerequisiteLevel;

    Reader(Set<String> declared) {
      this.declared = declared;
    }

    @Override
    public void visit(Heading heading) {
      String title = text(heading);
      if (prerequisiteLevel > 0 && heading.getLevel() <= prerequisiteLevel) {
        prerequisiteLevel = 0;
      }
      if (PREREQUISITES.matcher(title).find()) {
        prerequisiteLevel = heading.getLevel();
      }
    }

    @Override
    public void visit(Paragraph paragraph) {
      String text = text(paragraph);
      if (prerequisiteLevel > 0) {
        words(text, declared);
        return;
      }
      for (String sentence : text.split("(?<=[.!?:])\\s+")) {
        Matcher asks = ASKS.matcher(sentence);
        if (asks.find()) {
          // What follows the verb is what is asked for; "Make sure" itself declares no make.
          words(sentence.substring(asks.start()), declared);
        }
      }
    }

    @Override
    public void visit(FencedCodeBlock block) {
      installs(block.getLiteral(), declared);
    }

    @Override
    public void visit(IndentedCodeBlock block) {
      installs(block.getLiteral(), declared);
    }

    private static String text(Node node) {
      StringBuilder text = new StringBuilder();
      node.accept(
          new AbstractVisitor() {
            @Override
            public void visit(Text t) {
              text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
              text.append(' ').append(code.getLiteral()).append(' ');
            }

            @Override
            public void visit(org.commonmark.node.SoftLineBreak b) {
              text.append(' ');
            }
          });
      return text.toString();
    }
  }
}
