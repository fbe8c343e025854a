package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.VagueInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a step that asks for an action without saying which: an ordinary step (not the
 * introduction, prerequisites or closing) with no code block and no inline code, whose prose has an
 * imperative action ("Adjust ...", "Set ...", "you need to configure ...") and a vague qualifier
 * ("whatever", "as needed", "as appropriate", "necessary", "accordingly", "somehow", "etc", "for
 * your setup", "the usual way", "if needed", ...). The location is the first sentence that is both
 * imperative and vague, else the first vague one.
 */
public final class AmbiguityDetector {

  private static final Set<String> ACTION_VERBS =
      Set.of(
          "adjust",
          "set",
          "configure",
          "make",
          "change",
          "update",
          "modify",
          "ensure",
          "prepare",
          "edit",
          "enable",
          "install",
          "fix",
          "tweak",
          "customize",
          "customise",
          "tune",
          "arrange",
          "add",
          "create",
          "provide",
          "apply",
          "grant",
          "give",
          "put",
          "replace",
          "remove",
          "delete",
          "disable",
          "open",
          "run",
          "start",
          "build",
          "deploy",
          "setup",
          "connect",
          "point",
          "allow",
          "register",
          "define",
          "write",
          "copy",
          "move",
          "rename",
          "check",
          "verify",
          "do",
          "get");

  /** Words that may come before an instruction's verb without changing it. */
  static final Set<String> FILLERS =
      Set.of(
          "now",
          "then",
          "next",
          "first",
          "finally",
          "also",
          "please",
          "simply",
          "just",
          "and",
          "so",
          "afterwards",
          "lastly",
          "second",
          "third");

  private static final Pattern OBLIGATION =
      Pattern.compile(
          "\\b(you\\s+(will\\s+)?(need|have|must|should)(\\s+to)?|make\\s+sure|be\\s+sure\\s+to|"
              + "don't\\s+forget\\s+to|remember\\s+to)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VAGUE =
      Pattern.compile(
          "\\b(whatever|whichever|as\\s+needed|as\\s+appropriate|appropriate(ly)?|(as\\s+|if\\s+)?"
              + "necessary|accordingly|somehow|etc\\b\\.?|for\\s+your\\s+(setup|system|environment|"
              + "machine|needs)|the\\s+usual\\s+way|as\\s+usual|if\\s+needed|as\\s+required|"
              + "if\\s+required|and\\s+so\\s+on|as\\s+you\\s+see\\s+fit)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE = Pattern.compile("[^.!?]+(?:[.!?]+|$)");

  private AmbiguityDetector() {}

  public static Optional<VagueInstruction> find(Step step) {
    if (step.kind() != StepKind.INSTRUCTION || !step.blocks().isEmpty()) {
      return Optional.empty();
    }
    boolean concrete = step.paragraphs().stream().anyMatch(p -> p.text().contains("`"));
    if (concrete) {
      return Optional.empty();
    }
    boolean imperative = false;
    VagueInstruction firstVague = null;
    for (Paragraph paragraph : step.paragraphs()) {
      for (Sentence sentence : sentences(paragraph)) {
        boolean acting = imperative(sentence.text());
        boolean vague = VAGUE.matcher(sentence.text()).find();
        imperative |= acting;
        if (vague && acting) {
          return Optional.of(new VagueInstruction(sentence.line(), sentence.text()));
        }
        if (vague && firstVague == null) {
          firstVague = new VagueInstruction(sentence.line(), sentence.text());
        }
      }
    }
    return imperative ? Optional.ofNullable(firstVague) : Optional.empty();
  }

  static boolean imperative(String sentence) {
    if (OBLIGATION.matcher(sentence).find()) {
      return true;
    }
    for (String word : sentence.replaceFirst("^([-*+]|\\d+[.)])\\s+", "").split("[\\s,;:]+")) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || FILLERS.contains(lower)) {
        continue;
      }
      return ACTION_VERBS.contains(lower);
    }
    return false;
  }

  /** A sentence of a paragraph and the tutorial line it starts on. */
  record Sentence(String text, int line) {}

  static List<Sentence> sentences(Paragraph paragraph) {
    String joined = String.join("\n", paragraph.lines());
    Matcher matcher = SENTENCE.matcher(joined);
    List<Sentence> sentences = new ArrayList<>();
    while (matcher.find()) {
      String raw = matcher.group();
      int leading = raw.length() - raw.stripLeading().length();
      int start = matcher.start() + leading;
      String text = raw.strip().replaceAll("\\s*\\n\\s*", " ");
      if (text.isEmpty()) {
        continue;
      }
      int line =
          paragraph.line()
              + (int) joined.substring(0, start).chars().filter(c -> c == '\n').count();
      sentences.add(new Sentence(text, line));
    }
    return sentences;
  }
}
