package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.tutorial.control.TutorialReader;
import dev.smileloop.tutorial.entity.TutorialDocument;
import dev.smileloop.tutorial.entity.TutorialDocument.Block;
import dev.smileloop.tutorial.entity.TutorialDocument.Code;
import dev.smileloop.tutorial.entity.TutorialDocument.Heading;
import dev.smileloop.tutorial.entity.TutorialDocument.Prose;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the tutorial's {@link TutorialDocument} into the learner's {@link TutorialStructure}:
 * headings (ATX and setext) start steps, prose becomes paragraphs, and each code block (fenced or
 * indented) is given its purpose by {@link BlockClassifier}. Shell and console blocks then get what
 * the prose after them says they print ({@link StatedOutputReader}). No Markdown is parsed here.
 */
public final class TutorialParser {

  private static final Pattern PREREQUISITES =
      Pattern.compile(
          "prerequisite|requirement|before you (begin|start)|what you('ll| will)? need|you('ll| will)"
              + " need|voraussetzung|requisito|pr[ée]requis|前提|必要なもの|準備",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CLOSING =
      Pattern.compile(
          "^(done|conclusion|conclusions|summary|next steps?|what's next|what next|wrap(ping)?[ -]up|"
              + "recap|further reading|learn more|see also|resources|references|faq|"
              + "introduction|overview|about|background|you're done|congratulations|"
              + "zusammenfassung|fazit|resumen|conclusión|まとめ)\\b.*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STEP_PREFIX =
      Pattern.compile(
          "^(step\\s+\\d+[a-z]?|schritt\\s+\\d+|paso\\s+\\d+|\\d+(\\.\\d+)*)[.:)]?\\s*[-:–—]?\\s*",
          Pattern.CASE_INSENSITIVE);

  private final CommandSplitter splitter;
  private final BlockClassifier classifier;

  /** A parser that judges unlabelled blocks by what the sandbox can run. */
  public TutorialParser() {
    this(ExecutableLookup.sandbox());
  }

  public TutorialParser(ExecutableLookup sandboxCommands) {
    this.splitter = new CommandSplitter();
    this.classifier =
        new BlockClassifier(new CommandRecognizer(sandboxCommands, splitter), splitter);
  }

  public CommandSplitter splitter() {
    return splitter;
  }

  public TutorialStructure parse(String markdown) {
    return parse(
        TutorialReader.read(markdown), markdown == null ? 0 : (int) markdown.lines().count());
  }

  public TutorialStructure parse(TutorialDocument document, int lineCount) {
    List<RawStep> raw = new ArrayList<>();
    RawStep current = new RawStep("", 0, 1);
    raw.add(current);
    for (Block block : document.blocks()) {
      if (block instanceof Heading heading) {
        current = new RawStep(heading.text(), heading.level(), heading.line());
        raw.add(current);
      } else {
        current.blocks.add(block);
      }
    }
    if (raw.get(0).blocks.isEmpty()) {
      raw.remove(0);
    }
    int titleLevel = raw.stream().filter(s -> s.level > 0).mapToInt(s -> s.level).min().orElse(0);
    long atTitleLevel = raw.stream().filter(s -> s.level == titleLevel).count();
    List<Step> steps = new ArrayList<>();
    String title = null;
    for (int i = 0; i < raw.size(); i++) {
      RawStep step = raw.get(i);
      int endLine = i + 1 < raw.size() ? raw.get(i + 1).line - 1 : Math.max(lineCount, step.line);
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
    return new TutorialStructure(title, steps, document);
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
    for (int i = 0; i < raw.blocks.size(); i++) {
      Block block = raw.blocks.get(i);
      if (block instanceof Prose prose) {
        paragraphs.add(paragraph(prose));
      } else if (block instanceof Code code) {
        String introduction =
            i > 0 && raw.blocks.get(i - 1) instanceof Prose p
                ? p.text()
                : i == 0 ? raw.heading : null;
        CodeBlock previous = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        CodeBlock classified = classifier.classify(code, introduction, previous);
        if (classified.kind() == BlockKind.OUTPUT && previous != null && previous.runs()) {
          blocks.set(
              blocks.size() - 1,
              FailureAnnouncement.attach(previous, classified, introduction, proseAfter(raw, i)));
        }
        if (classified.runs()) {
          classified =
              classified.withStatedOutputs(StatedOutputReader.read(classified, proseAfter(raw, i)));
          classified = FailureAnnouncement.read(classified, introduction, proseAfter(raw, i));
        }
        blocks.add(classified);
      }
    }
    return new Step(raw.heading, raw.level, raw.line, endLine, kind, paragraphs, blocks);
  }

  private static Paragraph paragraph(Prose prose) {
    return new Paragraph(prose.line(), prose.lines(), prose.firstInItem());
  }

  /** The paragraphs after block {@code index} up to the next code block (or the step's end). */
  private static List<Paragraph> proseAfter(RawStep step, int index) {
    List<Paragraph> prose = new ArrayList<>();
    for (Block block : step.blocks.subList(index + 1, step.blocks.size())) {
      if (!(block instanceof Prose p)) {
        break;
      }
      prose.add(paragraph(p));
    }
    return prose;
  }

  private static final class RawStep {
    final String heading;
    final int level;
    final int line;
    final List<Block> blocks = new ArrayList<>();

    RawStep(String heading, int level, int line) {
      this.heading = heading;
      this.level = level;
      this.line = line;
    }
  }
}
