package dev.smileloop.learner.control;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a code block that the tutorial asks to save as a file rather than run: from its info
 * string ({@code python title="app.py"}, {@code bash:notes.sh}, {@code filename=x}) or from the
 * sentence that introduces it ("Create a file named `X`", "Save the following as `X`", "Add this to
 * `X`", "in a file called `X`": a backticked path together with a create/save/write/put/add verb).
 */
final class FileIntroduction {

  /** Where a block goes; {@code append} when the tutorial adds it to an existing file. */
  record Target(String path, boolean append) {}

  private static final Pattern INFO_ATTRIBUTE =
      Pattern.compile(
          "(?:^|[\\s{,])(?:title|filename|file|name|path)\\s*=\\s*(?:\"([^\"]+)\"|'([^']+)'|([^\\s},]+))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern INFO_COLON = Pattern.compile("^[\\w+#.-]+:(\\S+)$");
  private static final Pattern FILE_VERB =
      Pattern.compile(
          "\\b(create|creating|save|saving|write|writing|put|putting|add|adding|paste|place|"
              + "store|append|copy)\\b|\\b(?:file|script)\\s+(?:called|named)\\b|\\bin(?:to)?\\s+"
              + "(?:a\\s+|the\\s+|a\\s+new\\s+|your\\s+)?file\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RUN_VERB =
      Pattern.compile("\\b(run|execute|type|enter|invoke|launch)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][\\w.-]*");
  private static final Pattern STRONG_INTRO =
      Pattern.compile(
          "\\b(?:with\\s+(?:this|the\\s+following)\\s+content|(?:file|script)\\s+(?:called|named)|as\\s+follows)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z`])");
  private static final List<String> PLAIN_FILE_NAMES =
      List.of(
          "makefile",
          "dockerfile",
          "containerfile",
          "procfile",
          "gemfile",
          "rakefile",
          "vagrantfile",
          "jenkinsfile",
          "justfile",
          "caddyfile",
          "brewfile",
          "license",
          "readme");

  private FileIntroduction() {}

  /** A file named in the info string, if any. */
  static Optional<String> fromInfo(String info) {
    Matcher attribute = INFO_ATTRIBUTE.matcher(info);
    if (attribute.find()) {
      for (int group = 1; group <= 3; group++) {
        if (attribute.group(group) != null) {
          return Optional.of(attribute.group(group));
        }
      }
    }
    Matcher colon = INFO_COLON.matcher(info.strip());
    if (colon.matches() && pathLike(colon.group(1))) {
      return Optional.of(colon.group(1));
    }
    return Optional.empty();
  }

  /**
   * The file the introducing text asks to save the block to. {@code scriptLike} says the block
   * itself reads like a file (a shebang, or a language other than shell): it settles sentences that
   * both run and write something ("Run this to create `out.txt`:").
   */
  static Optional<Target> fromText(String text, boolean scriptLike) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String[] sentences = SENTENCE_END.split(text.strip());
    String sentence = sentences[sentences.length - 1];
    // Verbs count only in the prose: `run.sh` must not read as "run".
    String prose = blankCode(sentence);
    Matcher verb = FILE_VERB.matcher(prose);
    if (!verb.find()) {
      return Optional.empty();
    }
    if (RUN_VERB.matcher(prose).find() && !scriptLike) {
      return Optional.empty();
    }
    Matcher ticked = BACKTICKED.matcher(sentence);
    String chosen = null;
    int chosenAt = -1;
    // A name without a dot or slash (`wc-notes`) is a file only when the text or the block says so.
    boolean plainNamesCount = scriptLike || STRONG_INTRO.matcher(prose).find();
    while (ticked.find()) {
      if (!pathLike(ticked.group(1))
          && !(plainNamesCount && PLAIN_NAME.matcher(ticked.group(1)).matches())) {
        continue;
      }
      if (chosen == null || chosenAt < verb.start() && ticked.start() > verb.start()) {
        chosen = ticked.group(1);
        chosenAt = ticked.start();
      }
    }
    if (chosen == null) {
      return Optional.empty();
    }
    String verbWord = verb.group(1) == null ? "" : verb.group(1).toLowerCase(Locale.ROOT);
    boolean append =
        (verbWord.startsWith("add") || verbWord.equals("append"))
            && chosenAt > verb.start()
            && sentence.substring(verb.end(), chosenAt).matches("(?is).*\\b(to|of)\\b.*");
    return Optional.of(new Target(chosen, append));
  }

  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*\\s]+)\\*\\*");
  private static final Pattern BARE_NAME =
      Pattern.compile(
          "(?<![\\w./-])((?:[\\w-]+/)*[\\w-]+\\.(?:py|js|mjs|ts|yaml|yml|json|toml|sh|bash|txt|md|cfg|ini|"
              + "conf|go|rs|java|c|h|cpp|rb|php|html|css|xml|env|properties|sql|mk|csv)"
              + "|Makefile|Dockerfile|Containerfile|Procfile|Gemfile|Justfile)(?![\\w/-])");
  private static final Pattern APPEND_WORD =
      Pattern.compile(
          "(?iu)\\b(?:add|append|extend|hinzu|anhängen|añade|agrega|añadir|agregar|ajoute|ajouter)"
              + "|追加");

  /**
   * The file the text just before a block names, whatever the wording or language: the last file
   * name in it (backticked, bold, or a bare name with a file extension or a well-known file name
   * such as {@code Makefile}), unless the block itself uses that name (then the block runs or shows
   * the file rather than being it). A {@code makefile} or {@code dockerfile} block that no text
   * names goes to {@code Makefile} or {@code Dockerfile}.
   */
  static Optional<Target> named(String text, List<String> content, String language) {
    String body = String.join("\n", content);
    String chosen = null;
    int at = -1;
    if (text != null && !text.isBlank()) {
      for (Pattern pattern : List.of(BACKTICKED, BOLD, BARE_NAME)) {
        Matcher found = pattern.matcher(pattern == BARE_NAME ? blankCode(text) : text);
        while (found.find()) {
          String name = found.group(1);
          boolean fileName =
              pattern == BARE_NAME
                  || pathLike(name) && !name.contains("://") && !name.startsWith("-");
          if (fileName && !body.contains(name) && found.start() >= at) {
            chosen = name;
            at = found.start();
          }
        }
      }
    }
    if (chosen == null) {
      String fallback =
          switch (language) {
            case "makefile", "make" -> "Makefile";
            case "dockerfile", "docker" -> "Dockerfile";
            default -> null;
          };
      return Optional.ofNullable(fallback).map(name -> new Target(name, false));
    }
    boolean append = APPEND_WORD.matcher(text.substring(0, at)).find();
    return Optional.of(new Target(chosen, append));
  }

  /** The text with every backticked span replaced by spaces of the same length. */
  private static String blankCode(String text) {
    Matcher code = Pattern.compile("`[^`]*`").matcher(text);
    StringBuilder blanked = new StringBuilder(text);
    while (code.find()) {
      for (int i = code.start(); i < code.end(); i++) {
        blanked.setCharAt(i, ' ');
      }
    }
    return blanked.toString();
  }

  /** A file path as tutorials write one: no spaces, a dot or slash, or a well-known file name. */
  static boolean pathLike(String token) {
    if (token.isEmpty()
        || token.startsWith("-")
        || token.endsWith("/")
        || token.contains("://")
        || token.contains("$")
        || token.matches("\\.+")
        || !token.matches("[\\w./~+@-]+")) {
      return false;
    }
    return token.contains(".")
        || token.contains("/")
        || PLAIN_FILE_NAMES.contains(token.toLowerCase(Locale.ROOT));
  }
}
