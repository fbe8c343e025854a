package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.learner.mentor.EnvironmentCauses;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The failures this machine caused, kept apart from the gaps: those the Student reported itself,
 * and, for a Student that only reports commands, the command it was stuck on when the environment
 * classifier recognises its cause. Each finding once, oldest first, redacted, with the tutorial
 * text of its line.
 */
final class EnvironmentAnalysis {

  private final LoopRun run;
  private final GapAnalysis gapAnalysis;
  private final TutorialLocator locator;
  private final SecretRedactor redactor;
  private final Set<String> declaredTools;

  EnvironmentAnalysis(
      LoopRun run,
      GapAnalysis gapAnalysis,
      TutorialLocator locator,
      SecretRedactor redactor,
      Set<String> declaredTools) {
    this.run = run;
    this.gapAnalysis = gapAnalysis;
    this.locator = locator;
    this.redactor = redactor;
    this.declaredTools = declaredTools;
  }

  List<EnvironmentFinding> findings() {
    Map<String, EnvironmentFinding> findings = new LinkedHashMap<>();
    for (IterationRecord record : run.iterations()) {
      StudentOutput out = record.studentOutput();
      if (out == null) {
        continue;
      }
      List<EnvironmentFinding> found = new ArrayList<>(out.environmentFindings());
      boolean stuck =
          out.status() == StudentStatus.ASK_MENTOR || out.status() == StudentStatus.CANNOT_COMPLETE;
      if (found.isEmpty() && stuck) {
        TutorialLocation location = gapAnalysis.locate(out);
        stuckOn(out, location)
            .flatMap(c -> EnvironmentCauses.classify(c, location.heading(), declaredTools))
            .ifPresent(found::add);
      }
      for (EnvironmentFinding finding : found) {
        if (finding != null && finding.kind() != null) {
          findings.putIfAbsent(
              finding.kind() + "\u0000" + finding.line() + "\u0000" + finding.command(),
              complete(finding));
        }
      }
    }
    return List.copyOf(findings.values());
  }

  /** The tutorial lines whose failure was this machine's doing: no gap belongs there. */
  static Set<Integer> lines(List<EnvironmentFinding> findings) {
    return Set.copyOf(
        findings.stream().map(EnvironmentFinding::line).filter(Objects::nonNull).toList());
  }

  private static java.util.Optional<CommandRecord> stuckOn(
      StudentOutput out, TutorialLocation location) {
    List<CommandRecord> commands = out.commands();
    for (int i = commands.size() - 1; i >= 0; i--) {
      CommandRecord c = commands.get(i);
      boolean failed = c.exitCode() != 0 || c.timedOut() || c.limit() != null;
      if (failed && !c.fromMentor() && (location.line() < 1 || c.line() == location.line())) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }

  private EnvironmentFinding complete(EnvironmentFinding f) {
    Integer line = f.line() != null && f.line() >= 1 ? f.line() : null;
    String quote = f.quote();
    String step = f.step();
    if (line != null) {
      TutorialLocation at = locator.at(line);
      quote = LoopRun.blank(quote) ? at.quote() : quote;
      step = LoopRun.blank(step) ? at.heading() : step;
    }
    return new EnvironmentFinding(
        f.kind(),
        line,
        redactor.redact(LoopRun.blank(quote) ? null : quote),
        redactor.redact(LoopRun.blank(step) ? null : step),
        redactor.redact(f.command()),
        redactor.redact(f.evidence()),
        redactor.redact(f.advice()));
  }

  /**
   * True when this machine kept part of the tutorial from being validated and no unresolved gap of
   * the tutorial would stop a learner: there are environment findings, and the loop either could
   * not finish, or finished with a last attempt that read on past steps this machine could not run.
   * Such a run is never a clean "no gaps" verdict.
   */
  static boolean prevented(LoopState state, List<Gap> gaps, List<EnvironmentFinding> findings) {
    boolean unfinished =
        state.status() == LoopStatus.BLOCKER || state.status() == LoopStatus.MAX_ITERATIONS;
    boolean readOnPast = state.status() == LoopStatus.COMPLETED && lastAttemptHasFindings(state);
    return (unfinished || readOnPast)
        && !findings.isEmpty()
        && gaps.stream().noneMatch(g -> !g.resolved() && g.severity() != Severity.MINOR);
  }

  private static boolean lastAttemptHasFindings(LoopState state) {
    List<IterationRecord> history = state.history();
    if (history.isEmpty()) {
      return false;
    }
    StudentOutput last = history.get(history.size() - 1).studentOutput();
    return last != null && !last.environmentFindings().isEmpty();
  }
}
