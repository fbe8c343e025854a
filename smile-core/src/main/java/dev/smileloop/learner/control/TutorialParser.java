package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.ImageReference;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown into a {@link TutorialStructure}: ATX headings outside code fences start steps;
 * prose becomes paragraphs (one per list item); fenced blocks are classified as shell commands,
 * console sessions, files to create, other code (skipped) or output. Shell and console blocks get
 * what the prose after them says they print ({@link StatedOutputReader}). Line numbers are the
 * tutorial's own, 1-based.
 */
public final class TutorialParser {

  private static final Pattern HEADING =
      Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+.*");
  private static final Pattern IMAGE =
      Pattern.compile("!\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+[\"'][^)]*[\"'])?\\s*\\)");
  private static final Pattern HTML_IMAGE =
      Pattern.compile("<img\\b[^>]*\\bsrc\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern PREREQUISITES =
      Pattern.compile(
          "prerequisite|requirements|before you (begin|start)|what you('ll| will)? need|you('ll| will) need",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSING =
      Pattern.compile(
          "^(done|conclusion|conclusions|summary|next steps?|what's next|what next|wrap(ping)?[ -]up|"
              + "recap|further reading|learn more|see also|resources|references|faq|"
              + "introduction|overview|about|background|you're done|congratulations)\\b.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STEP_PREFIX =
      Pattern.compile(
          "^(step\\s+\\d+[a-z]?|\\d+(\\.\\d+)*)[.:)]?\\s*[-:–—]?\\s*", Pattern.CASE_INSENSITIVE);
  private static final Set<String> SHELL_LANGUAGES =
      Set.of("bash", "sh", "shell", "zsh", "ksh", "shellscript", "shell-script", "terminal");
  private static final Set<String> CONSOLE_LANGUAGES =
      Set.of(
          "console",
          "shell-session",
          "shellsession",
          "sh-session",
          "bash-session",
          "shell_session");
  private static final Set<String> OUTPUT_LANGUAGES =
      Set.of("text", "txt", "plain", "plaintext", "output", "log", "none", "nohighlight");

  private final CommandSplitter splitter;
  private final CommandRecognizer recognizer;

  /** A parser that judges unlabelled blocks by what the sandbox can run. */
  public TutorialParser() {
    this(ExecutableLookup.sandbox());
  }

  public TutorialParser(ExecutableLookup sandboxCommands) {
    this.splitter = new CommandSplitter();
    this.recognizer = new CommandRecognizer(sandboxCommands, splitter);
  }

  public CommandSplitter splitter() {
    return splitter;
  }

  public TutorialStructure parse(String markdown) {
    List<String> lines = markdown.lines().toList();
    List<RawStep> raw = new ArrayList<>();
    RawStep current = new RawStep("", 0, 1);
    raw.add(current);
    List<ImageReference> images = new ArrayList<>();
    RawParagraph paragraph = null;
    RawBlock block = null;
    for (int index = 0; index < lines.size(); index++) {
      String line = lines.get(index);
      int number = index + 1;
      if (block != null) {
        if (block.closedBy(line)) {
          current.elements.add(block);
          block = null;
        } else {
          block.content.add(block.unindent(line));
        }
        continue;
      }
      Matcher fence = FENCE.matcher(line);
      if (fence.matches() && !(fence.group(2).startsWith("`") && fence.group(3).contains("`"))) {
        paragraph = null;
        block =
            new RawBlock(number, fence.group(1).length(), fence.group(2), fence.group(3).strip());
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        paragraph = null;
        String text =
            heading.group(2) == null ? "" : heading.group(2).replaceFirst("[ \\t]+#+$", "").strip();
        current = new RawStep(text, heading.group(1).length(), number);
        raw.add(current);
        continue;
      }
      collectImages(line, number, images);
      if (line.isBlank()) {
        paragraph = null;
      } else if (paragraph == null || LIST_ITEM.matcher(line).matches()) {
        paragraph = new RawParagraph(number, LIST_ITEM.matcher(line).matches());
        paragraph.lines.add(line);
        current.elements.add(paragraph);
      } else {
        paragraph.lines.add(line);
      }
    }
    if (block != null) {
      current.elements.add(block);
    }
    if (raw.get(0).elements.isEmpty()) {
      raw.remove(0);
    }
    return build(raw, images, lines.size());
  }

  private TutorialStructure build(List<RawStep> raw, List<ImageReference> images, int lastLine) {
    int titleLevel = raw.stream().filter(s -> s.level > 0).mapToInt(s -> s.level).min().orElse(0);
    long atTitleLevel = raw.stream().filter(s -> s.level == titleLevel).count();
    List<Step> steps = new ArrayList<>();
    String title = null;
    for (int i = 0; i < raw.size(); i++) {
      RawStep step = raw.get(i);
      int endLine = i + 1 < raw.size() ? raw.get(i + 1).line - 1 : Math.max(lastLine, step.line);
      StepKind kind;
      if (step.level == 0) {
        kind = StepKind.INTRODUCTION;
      } else if (i == 0 && step.level == titleLevel && atTitleLevel == 1 && raw.size() > 1) {
        // A heading that opens the document, alone at the top level, is its title.
        kind = StepKind.INTRODUCTION;
        title = step.heading;
      } else {
        kind = kindOf(step.heading);
      }
      steps.add(toStep(step, kind, endLine));
    }
    return new TutorialStructure(title, steps, images);
  }

  private static StepKind kindOf(String heading) {
    if (PREREQUISITES.matcher(heading).find()) {
      return StepKind.PREREQUISITES;
    }
    String bare = STEP_PREFIX.matcher(heading.strip()).replaceFirst("");
    return CLOSING.matcher(bare).matches() ? StepKind.CLOSING : StepKind.INSTRUCTION;
  }

  private Step toStep(RawStep raw, StepKind kind, int endLine) {
    List<Paragraph> paragraphs = new ArrayList<>();
    List<CodeBlock> blocks = new ArrayList<>();
    Object previous = null;
    for (int i = 0; i < raw.elements.size(); i++) {
      Object element = raw.elements.get(i);
      if (element instanceof RawParagraph p) {
        paragraphs.add(p.paragraph());
      } else if (element instanceof RawBlock b) {
        String introduction =
            previous instanceof RawParagraph p
                ? String.join(" ", p.lines)
                : previous == null ? raw.heading : null;
        CodeBlock block = classify(b, introduction);
        if (block.kind() == BlockKind.SHELL || block.kind() == BlockKind.CONSOLE) {
          block = block.withStatedOutputs(StatedOutputReader.read(block, proseAfter(raw, i)));
        }
        blocks.add(block);
      }
      previous = element;
    }
    return new Step(raw.heading, raw.level, raw.line, endLine, kind, paragraphs, blocks);
  }

  /** The paragraphs after element {@code index} up to the next code block (or the step's end). */
  private static List<Paragraph> proseAfter(RawStep step, int index) {
    List<Paragraph> prose = new ArrayList<>();
    for (Object element : step.elements.subList(index + 1, step.elements.size())) {
      if (!(element instanceof RawParagraph p)) {
        break;
      }
      prose.add(p.paragraph());
    }
    return prose;
  }

  private CodeBlock classify(RawBlock raw, String introduction) {
    String info = raw.info;
    String language = language(info);
    List<String> content = raw.content;
    int firstLine = raw.fenceLine + 1;
    boolean console = CONSOLE_LANGUAGES.contains(language);
    Optional<String> named = FileIntroduction.fromInfo(info);
    if (named.isPresent() && !console) {
      return new CodeBlock(
          raw.fenceLine, info, language, content, BlockKind.FILE, named.get(), false, List.of());
    }
    boolean shell = SHELL_LANGUAGES.contains(language);
    boolean scriptLike =
        !shell && !console && !language.isEmpty() && !OUTPUT_LANGUAGES.contains(language)
            || !content.isEmpty() && content.get(0).startsWith("#!");
    Optional<FileIntroduction.Target> introduced =
        console ? Optional.empty() : FileIntroduction.fromText(introduction, scriptLike);
    if (introduced.isPresent()) {
      FileIntroduction.Target target = introduced.get();
      return new CodeBlock(
          raw.fenceLine,
          info,
          language,
          content,
          BlockKind.FILE,
          target.path(),
          target.append(),
          List.of());
    }
    if (console || shell && recognizer.isConsole(content)) {
      return commands(raw, language, BlockKind.CONSOLE, splitter.console(content, firstLine));
    }
    if (shell) {
      return commands(raw, language, BlockKind.SHELL, splitter.shell(content, firstLine));
    }
    if (language.isEmpty()) {
      if (recognizer.isConsole(content)) {
        return commands(raw, language, BlockKind.CONSOLE, splitter.console(content, firstLine));
      }
      if (recognizer.looksLikeCommands(content)) {
        return commands(raw, language, BlockKind.SHELL, splitter.shell(content, firstLine));
      }
      return new CodeBlock(
          raw.fenceLine, info, language, content, BlockKind.OUTPUT, null, false, List.of());
    }
    BlockKind kind = OUTPUT_LANGUAGES.contains(language) ? BlockKind.OUTPUT : BlockKind.SKIPPED;
    return new CodeBlock(raw.fenceLine, info, language, content, kind, null, false, List.of());
  }

  private static CodeBlock commands(
      RawBlock raw, String language, BlockKind kind, List<Command> commands) {
    return new CodeBlock(
        raw.fenceLine, raw.info, language, raw.content, kind, null, false, commands);
  }

  /**
   * The info string's language: its first word, without {@code {.}} decoration or a {@code :file}
   * suffix.
   */
  static String language(String info) {
    String first = info.strip().replaceFirst("^\\{\\s*\\.?", "").split("[\\s,{}]+", 2)[0];
    if (first.contains("=")) {
      return "";
    }
    int colon = first.indexOf(':');
    return (colon > 0 ? first.substring(0, colon) : first).toLowerCase(Locale.ROOT);
  }

  private static void collectImages(String line, int number, List<ImageReference> images) {
    Matcher markdown = IMAGE.matcher(line);
    while (markdown.find()) {
      images.add(new ImageReference(markdown.group(2), markdown.group(1), number));
    }
    Matcher html = HTML_IMAGE.matcher(line);
    while (html.find()) {
      images.add(new ImageReference(html.group(1), "", number));
    }
  }

  private static final class RawStep {
    final String heading;
    final int level;
    final int line;
    final List<Object> elements = new ArrayList<>();

    RawStep(String heading, int level, int line) {
      this.heading = heading;
      this.level = level;
      this.line = line;
    }
  }

  private static final class RawParagraph {
    final int line;
    final boolean listItem;
    final List<String> lines = new ArrayList<>();

    RawParagraph(int line, boolean listItem) {
      this.line = line;
      this.listItem = listItem;
    }

    Paragraph paragraph() {
      return new Paragraph(line, lines, listItem);
    }
  }

  private static final class RawBlock {
    final int fenceLine;
    final int indent;
    final String fence;
    final String info;
    final List<String> content = new ArrayList<>();

    RawBlock(int fenceLine, int indent, String fence, String info) {
      this.fenceLine = fenceLine;
      this.indent = indent;
      this.fence = fence;
      this.info = info;
    }

    boolean closedBy(String line) {
      String trimmed = line.strip();
      return trimmed.length() >= fence.length()
          && trimmed.chars().allMatch(c -> c == fence.charAt(0));
    }

    /** Fences indented inside list items: their content carries the same indentation. */
    String unindent(String line) {
      int strip = 0;
      while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
        strip++;
      }
      return line.substring(strip);
    }
  }
}
