package dev.smileloop.learner.control;

import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.ShownOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads whether the tutorial means a command block to fail, as a lesson: a sentence around it
 * ("this will fail", "you will get an error", "schlägt fehl", "fallará", "エラー") or an output block
 * after it that shows an error. Such a failure is the tutorial teaching, not a gap; the learner
 * still checks that it fails, and fails the way shown.
 */
final class FailureAnnouncement {

  private static final Pattern ANNOUNCES =
      Pattern.compile(
          "(?iu)\\b(?:will\\s+fail|fails|should\\s+fail|is\\s+going\\s+to\\s+fail|"
              + "(?:you(?:'ll|\u2019ll|\\s+will)|we(?:'ll|\\s+will))\\s+(?:get|see|receive)\\s+an?\\s+"
              + "(?:error|failure)|an?\\s+error(?:\\s+message)?\\s+(?:appears|is\\s+shown)|"
              + "(?:gives|throws|returns|prints|shows)\\s+an?\\s+error|complains|refuses|"
              + "schlägt\\s+fehl|scheitert|fehlermeldung|einen\\s+fehler|fallará|falla|"
              + "un\\s+error|échoue|échouera|une\\s+erreur)\\b|エラー|失敗");
  private static final Pattern CONDITIONAL =
      Pattern.compile("(?iu)^(?:if|when|whenever|in case|wenn|falls|si|もし)\\b");
  private static final Pattern NEGATED =
      Pattern.compile(
          "(?iu)\\b(?:not|never|no|won't|shouldn't|doesn't|kein|keine|nicht|sin|ne|pas)\\b|n't\\b");
  private static final Pattern ERROR_OUTPUT =
      Pattern.compile(
          "(?im)^(?:[^\\s:]+:\\s*)*(?:error|fatal|traceback|fehler|erreur)\\b|No such file or"
              + " directory|Permission denied|Directory not empty|command not found|cannot |"
              + "can't |Operation not permitted|not a directory");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。])\\s*");

  private FailureAnnouncement() {}

  /** The block with the sentence that announces its failure, if one around it does. */
  static CodeBlock read(CodeBlock block, String introduction, List<Paragraph> after) {
    List<String> texts = new ArrayList<>();
    if (introduction != null) {
      texts.add(introduction);
    }
    if (!after.isEmpty() && !introducesNext(after.get(0).text())) {
      texts.add(after.get(0).text());
    }
    return announcement(texts).map(block::withFailureAnnounced).orElse(block);
  }

  /**
   * The command block with an output block the tutorial shows after it; an error in that output, or
   * a sentence around it that announces one, makes the failure intended.
   */
  static CodeBlock attach(
      CodeBlock commands, CodeBlock output, String introduction, List<Paragraph> after) {
    List<ShownOutput> shown = new ArrayList<>(commands.shownOutputs());
    shown.add(new ShownOutput(output.contentLine(), 0, output.lines()));
    CodeBlock withOutput = commands.withShownOutputs(shown);
    if (withOutput.failureAnnounced() != null) {
      return withOutput;
    }
    Matcher error = ERROR_OUTPUT.matcher(output.content());
    if (error.find()) {
      return withOutput.withFailureAnnounced(
          "the output shown at line " + output.contentLine() + " is an error");
    }
    List<String> texts = new ArrayList<>();
    if (introduction != null) {
      texts.add(introduction);
    }
    if (!after.isEmpty() && !introducesNext(after.get(0).text())) {
      texts.add(after.get(0).text());
    }
    return announcement(texts).map(withOutput::withFailureAnnounced).orElse(withOutput);
  }

  /** A sentence ending in a colon speaks of the block after it, not the one before. */
  private static boolean introducesNext(String text) {
    return text.strip().endsWith(":") || text.strip().endsWith("：");
  }

  static Optional<String> announcement(List<String> texts) {
    for (String text : texts) {
      for (String sentence : SENTENCE_END.split(text.strip())) {
        Matcher says = ANNOUNCES.matcher(sentence);
        if (says.find()
            && !CONDITIONAL.matcher(sentence.strip()).find()
            && !NEGATED.matcher(sentence.substring(0, says.start())).find()) {
          return Optional.of(sentence.strip());
        }
      }
    }
    return Optional.empty();
  }
}
