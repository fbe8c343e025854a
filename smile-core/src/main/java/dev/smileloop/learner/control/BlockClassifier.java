package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.ShownOutput;
import dev.smileloop.tutorial.entity.TutorialDocument.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a code block is for from the document's structure rather than from English verbs: a
 * file body (a non-shell language, a file named in the info string, in a first-line comment or in
 * the text just before it), a console transcript ({@code $ } prompts), shell commands, output the
 * tutorial shows, or an illustration not meant to run (placeholders, pseudo-code). When unsure it
 * prefers not running a file body as shell, and the block's {@code note} says why.
 */
final class BlockClassifier {

  static final Set<String> SHELL_LANGUAGES =
      Set.of("bash", "sh", "shell", "zsh", "ksh", "shellscript", "shell-script", "terminal");
  static final Set<String> CONSOLE_LANGUAGES =
      Set.of(
          "console",
          "shell-session",
          "shellsession",
          "sh-session",
          "bash-session",
          "shell_session");
  static final Set<String> OUTPUT_LANGUAGES =
      Set.of("text", "txt", "plain", "plaintext", "output", "log", "none", "nohighlight", "stdout");
  private static final Set<String> PSEUDO_LANGUAGES = Set.of("pseudo", "pseudocode", "pseudo-code");

  /** A first-line comment that names the file: {@code # file: app.py}, {@code // app.js}. */
  private static final Pattern NAMING_COMMENT =
      Pattern.compile(
          "^\\s*(?:#|//|--|;|/\\*|<!--)\\s*(?:(?:file(?:name)?|path|datei|archivo|fichier)\\s*:\\s*)?"
              + "([\\w./~+@-]+)\\s*(?:\\*/|-->)?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EXPLICIT_NAME =
      Pattern.compile("(?i)(?:file(?:name)?|path|datei|archivo|fichier)\\s*:");
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(?<![<\\w])<(?:[A-Za-z]+[-_ ])+[A-Za-z]+>|(?<![<\\w])<(?i:your|name|path|file|filename|"
              + "user|username|version|dir|directory|project|app|id|token|key|host|port|value|url|"
              + "branch|repo|package|command|email|arg|args|options?)>|\\{\\{[^}]*}}"
              + "|(?:^|\\s)(?:\\.\\.\\.|…)(?:\\s|$)|\\bYOUR_[A-Z_]+\\b|\\[options?]");
  private static final Pattern OUTPUT_CUE =
      Pattern.compile(
          "(?iu)\\b(?:output|result|you should see|you will see|you'll see|prints|looks like"
              + "|expected|ausgabe|ergebnis|salida|resultado|sortie|résultat)\\b|出力|結果|表示");

  private final CommandRecognizer recognizer;
  private final CommandSplitter splitter;

  BlockClassifier(CommandRecognizer recognizer, CommandSplitter splitter) {
    this.recognizer = recognizer;
    this.splitter = splitter;
  }

  /**
   * @param introduction the prose (or heading) right before the block, null when another block
   *     comes right before it
   * @param previous the step's code block before this one, if any
   */
  CodeBlock classify(Code code, String introduction, CodeBlock previous) {
    String language = code.language();
    List<String> content = code.content();
    CodeBlock base =
        CodeBlock.of(
            code.line(),
            code.contentLine(),
            code.endLine(),
            code.info(),
            language,
            content,
            BlockKind.SKIPPED);
    boolean console = CONSOLE_LANGUAGES.contains(language);
    boolean shell = SHELL_LANGUAGES.contains(language);
    boolean output = OUTPUT_LANGUAGES.contains(language);
    boolean other = !language.isEmpty() && !shell && !console && !output;
    Optional<String> named = FileIntroduction.fromInfo(code.info());
    if (named.isEmpty() && !console) {
      named = namingComment(content, other);
    }
    if (named.isPresent() && !console) {
      return base.asFile(named.get(), false);
    }
    if (other) {
      Optional<FileIntroduction.Target> target =
          FileIntroduction.named(introduction, content, language);
      if (target.isPresent()) {
        return base.asFile(target.get().path(), target.get().append());
      }
      if (PSEUDO_LANGUAGES.contains(language)) {
        return base.asNotRun(BlockKind.ILLUSTRATION, "pseudo-code, not meant to run");
      }
      return base.asNotRun(
          BlockKind.SKIPPED,
          language + " code that no text names a file for: read, not run as shell");
    }
    List<String> session = angledPrompts(content) ? dollarPrompts(content) : content;
    boolean prompted =
        console
            || (shell || language.isEmpty()) && recognizer.isConsole(session)
            || session != content;
    if (prompted) {
      List<Command> commands = splitter.console(session, code.contentLine());
      if (commands.isEmpty()) {
        return base.asNotRun(BlockKind.OUTPUT, "a transcript without commands");
      }
      if (commands.stream().anyMatch(c -> placeholder(c.text()))) {
        return base.asNotRun(BlockKind.ILLUSTRATION, "a command with placeholders to fill in");
      }
      return base.asCommands(BlockKind.CONSOLE, commands)
          .withShownOutputs(transcriptOutputs(commands, session, code.contentLine()));
    }
    boolean afterCommands = previous != null && previous.runs();
    boolean outputCue = introduction != null && OUTPUT_CUE.matcher(introduction).find();
    if (output && afterCommands && (introduction == null || outputCue)) {
      return base.asNotRun(BlockKind.OUTPUT, "output shown by the tutorial");
    }
    boolean shebang = !content.isEmpty() && content.get(0).startsWith("#!");
    boolean scriptIntro =
        shell && introduction != null && introduction.strip().endsWith(":") && !outputCue;
    Optional<FileIntroduction.Target> introduced =
        FileIntroduction.fromText(introduction, shebang || output);
    if (introduced.isEmpty() && (shebang || output || !looksLikeCommands(content, shell))) {
      introduced = FileIntroduction.named(introduction, content, language);
    } else if (introduced.isEmpty() && scriptIntro) {
      // "Erstelle `hallo.sh`:" before a shell block that does not use the name: its body.
      introduced =
          FileIntroduction.named(introduction, content, language)
              .filter(t -> t.path().matches(".*\\.(?:sh|bash|zsh)$"));
    }
    if (introduced.isPresent()) {
      return base.asFile(introduced.get().path(), introduced.get().append());
    }
    if (output) {
      return base.asNotRun(BlockKind.OUTPUT, "output shown by the tutorial");
    }
    if (!looksLikeCommands(content, shell)) {
      return base.asNotRun(BlockKind.OUTPUT, "text that is neither commands nor a named file");
    }
    if (!shell && afterCommands && outputCue) {
      return base.asNotRun(BlockKind.OUTPUT, "output shown by the tutorial");
    }
    List<Command> commands = splitter.shell(content, code.contentLine());
    if (commands.isEmpty()) {
      return base.asNotRun(BlockKind.OUTPUT, "only comments");
    }
    if (commands.stream().anyMatch(c -> placeholder(c.text()))) {
      return base.asNotRun(BlockKind.ILLUSTRATION, "a command with placeholders to fill in");
    }
    return base.asCommands(BlockKind.SHELL, commands);
  }

  private boolean looksLikeCommands(List<String> content, boolean shell) {
    return shell || recognizer.looksLikeCommands(content);
  }

  /** Whether a command's first line holds a placeholder the reader is meant to fill in. */
  static boolean placeholder(String command) {
    String first = command.strip().lines().findFirst().orElse("");
    return PLACEHOLDER.matcher(first).find();
  }

  /**
   * A transcript with {@code > } prompts and no {@code $ } ones (Windows-style or minimal prompts):
   * its first line is a prompt followed by a command.
   */
  private boolean angledPrompts(List<String> content) {
    String first = content.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
    return first.startsWith("> ")
        && content.stream().noneMatch(l -> l.strip().startsWith("$ "))
        && recognizer.startsWithCommand(first.substring(2).strip());
  }

  private static List<String> dollarPrompts(List<String> content) {
    return content.stream().map(l -> l.startsWith("> ") ? "$ " + l.substring(2) : l).toList();
  }

  /** A file named by the block's first line, as a comment. */
  private static Optional<String> namingComment(List<String> content, boolean otherLanguage) {
    String first = content.stream().filter(l -> !l.isBlank()).findFirst().orElse("");
    if (first.startsWith("#!")) {
      return Optional.empty();
    }
    Matcher comment = NAMING_COMMENT.matcher(first);
    if (!comment.matches() || !FileIntroduction.pathLike(comment.group(1))) {
      return Optional.empty();
    }
    boolean explicit = EXPLICIT_NAME.matcher(first).find();
    boolean withExtension = comment.group(1).matches(".*\\.[A-Za-z0-9]+$");
    return explicit || otherLanguage && withExtension
        ? Optional.of(comment.group(1))
        : Optional.empty();
  }

  /** The output lines a transcript shows after each prompt, until the next prompt. */
  private static List<ShownOutput> transcriptOutputs(
      List<Command> commands, List<String> content, int firstLine) {
    List<ShownOutput> shown = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Command command = commands.get(i);
      int from = command.endLine() + 1 - firstLine;
      int to = i + 1 < commands.size() ? commands.get(i + 1).line() - firstLine : content.size();
      List<String> lines = new ArrayList<>(content.subList(Math.min(from, to), to));
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
      if (!lines.isEmpty()) {
        shown.add(new ShownOutput(command.endLine() + 1, command.line(), lines));
      }
    }
    return shown;
  }
}
