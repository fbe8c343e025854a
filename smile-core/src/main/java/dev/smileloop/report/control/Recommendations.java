package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.Recommendation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Says, for each gap, what to change in the tutorial, in words an author can act on: where (line
 * and step), what to do, and the fix that worked when the Mentor found one.
 */
final class Recommendations {

  private static final int ADVICE_LENGTH = 240;

  private Recommendations() {}

  /** One recommendation per gap: critical first, then major, then minor; by line within each. */
  static List<Recommendation> of(List<Gap> gaps) {
    List<Gap> ordered = new ArrayList<>(gaps);
    ordered.sort(
        Comparator.comparing(Gap::severity)
            .thenComparingInt(g -> g.hasLine() ? g.location().line() : Integer.MAX_VALUE));
    List<Recommendation> result = new ArrayList<>();
    for (Gap gap : ordered) {
      result.add(
          new Recommendation(
              result.size() + 1,
              gap.severity(),
              gap.id(),
              gap.hasLine() ? gap.location().line() : 0,
              text(gap)));
    }
    return List.copyOf(result);
  }

  static String text(Gap gap) {
    StringBuilder text = new StringBuilder(where(gap)).append(": ").append(action(gap));
    List<String> workarounds = workarounds(gap);
    if (!workarounds.isEmpty()) {
      text.append(" A learner got past it alone: ")
          .append(String.join("; ", workarounds))
          .append(ending(workarounds.get(workarounds.size() - 1)));
    }
    if (!gap.fixCommands().isEmpty()) {
      text.append(" The step passed after `")
          .append(String.join("`, `", gap.fixCommands()))
          .append("`: add ")
          .append(gap.fixCommands().size() == 1 ? "it" : "them")
          .append(" to the tutorial.");
    }
    boolean mentorAnswered = gap.history().stream().anyMatch(o -> o.mentorAnswer() != null);
    if (mentorAnswered) {
      text.append(" Mentor's advice: ")
          .append(GapAnalysis.shorten(gap.suggestedFix(), ADVICE_LENGTH));
    }
    return text.toString();
  }

  /** What the learner did to get past the gap on its own, each once. */
  static List<String> workarounds(Gap gap) {
    return gap.history().stream()
        .filter(o -> o.outcome() == GapOccurrence.Outcome.RECOVERED)
        .flatMap(o -> o.attempted().stream())
        .filter(w -> !LoopRun.blank(w))
        .map(String::strip)
        .distinct()
        .toList();
  }

  private static String where(Gap gap) {
    String heading = gap.location().heading();
    if (gap.hasLine()) {
      return "Line " + gap.location().line() + (LoopRun.blank(heading) ? "" : " (" + heading + ")");
    }
    return LoopRun.blank(heading) ? "Unknown line" : "Unknown line in \"" + heading + "\"";
  }

  /** What to change in the tutorial for this gap, starting in lower case. */
  static String action(Gap gap) {
    String subject = failedCommand(gap).map(CommandRecord::command).orElse(gap.location().quote());
    subject = GapAnalysis.shorten(LoopRun.blank(subject) ? "this step" : subject, 80);
    switch (gap.kind()) {
      case MISSING_DEPENDENCY:
        return GapAnalysis.missingTool(gap)
            .map(
                tool ->
                    "list `"
                        + tool
                        + "` under Prerequisites, with how to install it, or use a tool"
                        + " every reader already has.")
            .orElse(
                "`"
                    + subject
                    + "` needs something the tutorial never asks the reader to install;"
                    + " list it under Prerequisites, with how to install it.");
      case COMMAND_FAILURE:
        return "`"
            + subject
            + "` fails when run as written"
            + failedCommand(gap).map(c -> " (exit " + c.exitCode() + ")").orElse("")
            + "; correct it, or state what must be in place before it runs.";
      case TIMEOUT:
        return "`"
            + subject
            + "` runs longer than the learner's time limit for a step; say how long it"
            + " takes, make it non-interactive, or split it.";
      case AMBIGUOUS_INSTRUCTION:
        return gap.location().quote().isBlank()
            ? "say exactly what to do here: the command to run or the content of the file to write."
            : "rewrite \""
                + GapAnalysis.shorten(gap.location().quote(), 80)
                + "\" so it says exactly what to do:"
                + " the command to run or the content of the file to write.";
      case REPEATED_FAILURE:
        return "this step kept failing (iterations "
            + iterations(gap)
            + "); state its expected result"
            + " and everything that must be in place before it.";
      case MISSING_PREREQUISITE:
        return gap.suggestedFix() == null || gap.suggestedFix().isBlank()
            ? GapKind.MISSING_PREREQUISITE.advice()
            : Character.toLowerCase(gap.suggestedFix().charAt(0)) + gap.suggestedFix().substring(1);
      case MISSING_IMAGE:
        return "the image referenced here is missing; add it next to the tutorial or correct its"
            + " relative path.";
      case UNEXPECTED_OUTPUT:
        return "show the output the command really prints here, or fix the command ("
            + difference(gap)
            + ").";
      default:
        return "clarify this step: "
            + GapAnalysis.shorten(gap.problem(), 160)
            + ending(gap.problem());
    }
  }

  /** The learner's "the tutorial says ..., but it printed ...", to go in parentheses. */
  private static String difference(Gap gap) {
    String said = GapAnalysis.shorten(gap.problem(), 160).replaceFirst("[.\\s]+$", "");
    return said.isEmpty() ? "" : Character.toLowerCase(said.charAt(0)) + said.substring(1);
  }

  private static String ending(String text) {
    String flat = text == null ? "" : text.strip();
    return flat.endsWith(".") || flat.endsWith("…") || flat.endsWith("!") || flat.endsWith("?")
        ? ""
        : ".";
  }

  private static Optional<CommandRecord> failedCommand(Gap gap) {
    return gap.history().stream()
        .map(GapOccurrence::failedCommands)
        .filter(l -> !l.isEmpty())
        .map(l -> l.get(l.size() - 1))
        .findFirst();
  }

  private static String iterations(Gap gap) {
    return String.join(", ", gap.iterations().stream().map(String::valueOf).toList());
  }
}
