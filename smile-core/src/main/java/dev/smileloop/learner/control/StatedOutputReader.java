package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.StatedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the prose right after a command block says the block prints: a sentence with a verb
 * phrase such as "prints", "outputs", "shows", "displays", "returns", "echoes", "should see", "you
 * will see", "the output is", "the result is" or "the total is", followed in the same sentence by
 * backticked snippets, each an expected fragment of the output ("It prints `built in release mode`
 * and then `release`."). "The last command prints ..." speaks of the block's last command.
 *
 * <p>A wrong expectation would make the learner complain about a correct tutorial, so reading is
 * conservative: questions, conditions ("If it prints `error`, ..."), negations, approximations
 * ("something like", "e.g.", "where `NAME` is ..."), sentences about another place (the next
 * section, a browser, a file, a server), snippets after a preposition ("the lines in `notes.txt`"),
 * subjects the block does not run, snippets that change from machine to machine or day to day
 * (dates, times, versions, hashes) and blocks that leave a job running in the background are all
 * ignored. Reading stops at the first sentence that asks the reader to run something else, since
 * later sentences may be about that.
 */
final class StatedOutputReader {

  private static final char CODE = '\u0001';

  private static final Pattern VERB =
      Pattern.compile(
          "\\b(?:prints|outputs|shows|displays|echoes|echos|returns"
              + "|should\\s+(?:now\\s+|also\\s+|then\\s+|still\\s+)?"
              + "(?:see|print|show|output|display|return)"
              + "|you(?:'ll|\u2019ll|\\s+will)\\s+(?:now\\s+|also\\s+|then\\s+)?see"
              + "|the\\s+(?:output|result|total)\\s+(?:is|should\\s+be|will\\s+be))\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CONDITIONAL_START =
      Pattern.compile(
          "^(?:if|when|whenever|unless|otherwise|in\\s+case|suppose|assuming|once|should)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CONDITION =
      Pattern.compile("\\b(?:if|unless|whether|otherwise|in\\s+case)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION =
      Pattern.compile(
          "\\b(?:not|never|no|nothing|none|neither|nor|without)\\b|n['\u2019]t\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ELSEWHERE =
      Pattern.compile(
          "\\b(?:next|following|below|above|previous|later|earlier|other|another|section|chapter"
              + "|step|example|page|guide|tutorial|docs?|documentation|table|figure|diagram"
              + "|screenshot|image|picture|browser|window|tab|editor|dashboard|ui|file|files|log"
              + "|logs|server|service|daemon|container)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RELATIVE_CLAUSE =
      Pattern.compile("\\b(?:that|which|who|to)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern LAST_COMMAND =
      Pattern.compile(
          "\\b(?:last|final)\\s+(?:command|line|one|call|invocation|statement)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Between the verb and the first snippet: words that make the snippet something else. */
  private static final Pattern LEAD_STOP =
      Pattern.compile(
          ";|\\b(?:in|into|from|to|for|of|with|by|on|at|under|inside|via|using|like|such|e\\.g"
              + "|i\\.e|example|similar|something|roughly|about|approximately|around|some|no|not"
              + "|nothing|never|none|without|instead|unless|if|when|where|which|that|because"
              + "|since|but|so|or|either|whether|may|might|can|could|how|what|why|whatever)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern CONNECTOR =
      Pattern.compile(
          "^[\\s,:]*(?:(?:and|then|finally|next|also|followed\\s+by|after\\s+that|plus)[\\s,:]*)*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ALTERNATIVE =
      Pattern.compile("^[\\s,]*(?:or|either)[\\s,]*$", Pattern.CASE_INSENSITIVE);

  /** After the snippets: words that say they are only an example of the output. */
  private static final Pattern APPROXIMATE =
      Pattern.compile(
          "\\b(?:where|depending|depends|vary|varies|differ|differs|different|similar"
              + "|approximately|roughly|about|etc|placeholder|replace|replaced|instead|e\\.g"
              + "|example|like|such|or\\s+so|something)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "<[A-Za-z][\\w .-]*>|\\{\\{|\\$\\{?[A-Z_][A-Z0-9_]+\\}?|\\b(?:[Yy]our|YOUR)[-_ ]"
              + "|\\b[Xx]{3,}\\b");

  /** Dates, times, versions and hashes: they differ from one machine or day to the next. */
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}|\\b\\d{1,2}:\\d{2}\\b|\\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb"
              + "|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\b|\\b\\d+\\.\\d+\\.\\d+"
              + "|\\b(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\\b|(?i:\\bversion\\b)");

  /** A command left running in the background: its output may come later than the block. */
  private static final Pattern BACKGROUND =
      Pattern.compile("(?m)(?:^|[^&|>])&(?=[ \\t;)]|$)|\\b(?:nohup|disown|setsid)\\b");

  private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.\\.|\u2026");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern WORD_NEXT = Pattern.compile("\\s*\\p{L}");

  /** Things a reader sees on disk or screen rather than in the output. */
  private static final Pattern THING =
      Pattern.compile(
          "\\s*\\b(?:folders?|director(?:y|ies)|dirs?|files?|windows?|tabs?|pages?|buttons?|icons?"
              + "|process(?:es)?|containers?|images?|branch(?:es)?|commits?|tags?|links?"
              + "|services?|apps?|modules?|packages?|tables?|databases?|keys?|fields?|options?"
              + "|variables?|functions?|commands?|scripts?|environment|screenshots?)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern RUN_SOMETHING =
      Pattern.compile(
          "\\b(?:run|rerun|re-run|type|execute|enter|call|invoke|try)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
  private static final Pattern ABBREVIATION =
      Pattern.compile("(?i)(?:^|[\\s(])(?:e\\.g|i\\.e|etc|vs|cf|approx|ca)$");
  private static final Set<String> INSTRUCTIONS =
      Set.of(
          "run",
          "rerun",
          "re-run",
          "type",
          "execute",
          "enter",
          "try",
          "call",
          "invoke",
          "use",
          "open",
          "edit",
          "change",
          "set",
          "add",
          "append",
          "replace",
          "start",
          "launch",
          "pass",
          "modify",
          "rename",
          "move",
          "copy",
          "create",
          "write",
          "save",
          "install",
          "remove",
          "delete",
          "press",
          "visit",
          "navigate",
          "go",
          "browse",
          "point",
          "restart",
          "stop",
          "kill",
          "build",
          "compile",
          "deploy",
          "update",
          "upgrade",
          "export",
          "source",
          "cd");
  private static final Set<String> FILLERS = AmbiguityDetector.FILLERS;

  private StatedOutputReader() {}

  /**
   * The outputs stated for {@code block} by {@code following}, the paragraphs after it up to the
   * next code block or heading, in order.
   */
  static List<StatedOutput> read(CodeBlock block, List<Paragraph> following) {
    if (block.commands().isEmpty()
        || block.commands().stream().anyMatch(c -> BACKGROUND.matcher(c.text()).find())) {
      return List.of();
    }
    List<StatedOutput> stated = new ArrayList<>();
    for (Paragraph paragraph : following) {
      for (Sentence sentence : sentences(paragraph)) {
        if (instruction(sentence)) {
          return List.copyOf(stated);
        }
        expectation(sentence, block).ifPresent(stated::add);
      }
    }
    return List.copyOf(stated);
  }

  /** The expectation a sentence states, if it clearly states one. */
  static Optional<StatedOutput> expectation(Sentence sentence, CodeBlock block) {
    String prose = sentence.prose().strip();
    if (prose.endsWith("?") || CONDITIONAL_START.matcher(prose).find()) {
      return Optional.empty();
    }
    Matcher verb = VERB.matcher(prose);
    if (!verb.find()) {
      return Optional.empty();
    }
    String before = prose.substring(0, verb.start());
    if (CONDITION.matcher(before).find()
        || NEGATION.matcher(before).find()
        || ELSEWHERE.matcher(before).find()
        || RELATIVE_CLAUSE.matcher(before).find()) {
      return Optional.empty();
    }
    int subjects = count(before);
    List<String> codes = sentence.codes();
    for (String subject : codes.subList(0, subjects)) {
      // "`make test` prints ..." is about this block only when the block runs it.
      if (!block.content().contains(subject)) {
        return Optional.empty();
      }
    }
    String[] parts = prose.substring(verb.end()).split(String.valueOf(CODE), -1);
    if (parts.length < 2 || !leadsToOutput(parts[0])) {
      return Optional.empty();
    }
    List<String> snippets = new ArrayList<>();
    int part = 1;
    snippets.add(codes.get(subjects));
    while (part < parts.length - 1 && CONNECTOR.matcher(parts[part]).matches()) {
      snippets.add(codes.get(subjects + part));
      part++;
    }
    if (part < parts.length - 1 && ALTERNATIVE.matcher(parts[part]).matches()) {
      return Optional.empty();
    }
    String tail = String.join(" ", List.of(parts).subList(part, parts.length));
    if (APPROXIMATE.matcher(tail).find()) {
      return Optional.empty();
    }
    boolean returns = verb.group().toLowerCase(Locale.ROOT).contains("return");
    List<String> fragments = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String snippet = snippets.get(i);
      String next = parts[i + 1];
      if (THING.matcher(next).lookingAt()) {
        // "You should see a `build` folder": a thing on disk or screen, not printed text.
        return Optional.empty();
      }
      boolean quantity =
          NUMBER.matcher(snippet).matches()
              && WORD_NEXT.matcher(next).lookingAt()
              && !CONNECTOR.matcher(next).matches();
      if (PLACEHOLDER.matcher(snippet).find()
          || VARIABLE.matcher(snippet).find()
          || quantity
          || returns && NUMBER.matcher(snippet).matches()) {
        // Not literal output, or not the same everywhere; "prints `2` lines" is a count, and
        // "returns `0`" may mean the exit status.
        continue;
      }
      for (String piece : ELLIPSIS.split(snippet)) {
        if (!piece.isBlank()) {
          fragments.add(piece.strip());
        }
      }
    }
    if (fragments.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new StatedOutput(
            sentence.line(), sentence.text(), fragments, LAST_COMMAND.matcher(before).find()));
  }

  private static boolean leadsToOutput(String lead) {
    String words = lead.strip();
    return !LEAD_STOP.matcher(words).find()
        && !THING.matcher(words).find()
        && (words.isEmpty() || words.split("\\s+").length <= 8);
  }

  /** A sentence that asks the reader to do something: what follows may be about that instead. */
  static boolean instruction(Sentence sentence) {
    String prose = sentence.prose().strip();
    for (String word : prose.split("[\\s,;:]+")) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || FILLERS.contains(lower)) {
        continue;
      }
      if (INSTRUCTIONS.contains(lower)) {
        return true;
      }
      break;
    }
    return count(prose) > 0 && RUN_SOMETHING.matcher(prose).find();
  }

  private static int count(String prose) {
    return (int) prose.chars().filter(c -> c == CODE).count();
  }

  /**
   * A sentence of a paragraph: its text on one line, the same with each code span replaced by one
   * marker character, the code spans' contents, and the tutorial line it starts on.
   */
  record Sentence(String text, String prose, List<String> codes, int line) {

    Sentence {
      codes = List.copyOf(codes);
    }
  }

  /**
   * The paragraph split into sentences at {@code .}, {@code !} or {@code ?} followed by a space or
   * the end, never inside code spans ("It prints `Hello, Ada!`." is one sentence).
   */
  static List<Sentence> sentences(Paragraph paragraph) {
    List<String> lines = new ArrayList<>(paragraph.lines());
    if (paragraph.listItem() && !lines.isEmpty()) {
      lines.set(0, LIST_MARKER.matcher(lines.get(0)).replaceFirst(""));
    }
    String text = String.join("\n", lines);
    List<Sentence> sentences = new ArrayList<>();
    StringBuilder prose = new StringBuilder();
    List<String> codes = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '`') {
        int run = runLength(text, i);
        int close = closingRun(text, i + run, run);
        if (close >= 0) {
          codes.add(text.substring(i + run, close).replaceAll("\\s+", " ").strip());
          prose.append(CODE);
          i = close + run;
          continue;
        }
        prose.append(text, i, i + run);
        i += run;
        continue;
      }
      prose.append(c);
      i++;
      if ((c == '.' || c == '!' || c == '?')
          && (i >= text.length() || Character.isWhitespace(text.charAt(i)))
          && !(c == '.' && ABBREVIATION.matcher(prose.substring(0, prose.length() - 1)).find())) {
        add(sentences, paragraph, text, start, i, prose, codes);
        start = i;
        prose.setLength(0);
        codes = new ArrayList<>();
      }
    }
    add(sentences, paragraph, text, start, text.length(), prose, codes);
    return sentences;
  }

  private static void add(
      List<Sentence> sentences,
      Paragraph paragraph,
      String text,
      int start,
      int end,
      StringBuilder prose,
      List<String> codes) {
    String raw = text.substring(start, end);
    String flat = raw.strip().replaceAll("\\s+", " ");
    if (flat.isEmpty()) {
      return;
    }
    int first = start + (raw.length() - raw.stripLeading().length());
    int line =
        paragraph.line() + (int) text.substring(0, first).chars().filter(ch -> ch == '\n').count();
    sentences.add(new Sentence(flat, prose.toString().replaceAll("\\s+", " "), codes, line));
  }

  private static int runLength(String text, int from) {
    int end = from;
    while (end < text.length() && text.charAt(end) == '`') {
      end++;
    }
    return end - from;
  }

  /** Where a run of exactly {@code length} backticks closes the span, or -1. */
  private static int closingRun(String text, int from, int length) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '`') {
        int run = runLength(text, i);
        if (run == length) {
          return i;
        }
        i += run;
      } else {
        i++;
      }
    }
    return -1;
  }
}
