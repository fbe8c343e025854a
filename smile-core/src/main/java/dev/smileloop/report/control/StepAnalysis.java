package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.StepResult;
import dev.smileloop.report.entity.StepResult.Outcome;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sees the tutorial's steps (its headings) as test cases: the steps the run met, each passed or
 * failed by the gaps found in it; the step a loop died on as an error when no gap explains it; and,
 * when the loop did not complete, the steps after the furthest point reached as skipped.
 */
final class StepAnalysis {

  /** The name of the test case that stands for the loop when it failed outside any step. */
  static final String LOOP_STEP = "Loop";

  /** The step that collects gaps nobody could place in the tutorial. */
  static final String UNKNOWN_STEP = "Unknown step";

  private static final Set<LoopStatus> ERROR_ENDINGS =
      Set.of(
          LoopStatus.TIMEOUT,
          LoopStatus.ERROR,
          LoopStatus.MAX_ITERATIONS,
          LoopStatus.BLOCKER,
          LoopStatus.AGENT_ERROR);

  private final LoopRun run;
  private final TutorialLocator locator;
  private final GapAnalysis gapAnalysis;
  private final SecretRedactor redactor;

  private boolean environmentStopped;

  /** The run stopped because of this machine: the step it stopped at was not validated. */
  StepAnalysis environmentStopped(boolean stopped) {
    this.environmentStopped = stopped;
    return this;
  }

  StepAnalysis(
      LoopRun run, TutorialLocator locator, GapAnalysis gapAnalysis, SecretRedactor redactor) {
    this.run = run;
    this.locator = locator;
    this.gapAnalysis = gapAnalysis;
    this.redactor = redactor;
  }

  private static final class Step {
    final String heading;
    int line;
    long millis;
    final int seen;
    final List<Gap> gaps = new ArrayList<>();

    Step(String heading, int line, int seen) {
      this.heading = heading;
      this.line = line;
      this.seen = seen;
    }
  }

  List<StepResult> steps(List<Gap> gaps) {
    Map<String, Step> steps = new LinkedHashMap<>();
    int furthest = 0;
    for (IterationRecord record : run.iterations()) {
      StudentOutput out = record.studentOutput();
      if (out == null) {
        continue;
      }
      for (CommandRecord c : out.commands()) {
        String heading =
            !LoopRun.blank(c.step()) ? c.step() : locator.headingOf(c.line()).orElse(null);
        Step step = step(steps, heading, c.line());
        if (step != null) {
          step.millis += Math.max(0, c.durationMillis());
        }
        furthest = Math.max(furthest, c.line());
      }
      if (out.location() != null) {
        furthest = Math.max(furthest, out.location().line());
      }
      for (StudentOutput.Notice notice : out.notices()) {
        if (notice != null && notice.location() != null) {
          step(steps, notice.location().heading(), notice.location().line());
        }
      }
      if (locator.lineOfHeading(out.currentStep()) > 0) {
        step(steps, out.currentStep(), 0);
      }
    }
    // Steps the Student passed through without running a command (a file to save, prose to read)
    // are steps too: every heading up to the furthest point reached, or all of them on success.
    boolean completed = run.state().status() == LoopStatus.COMPLETED;
    for (TutorialLocator.Heading heading : locator.headings()) {
      if (heading.level() >= 2 && (completed || heading.line() <= furthest)) {
        step(steps, heading.text(), heading.line());
      }
    }
    for (Gap gap : gaps) {
      String heading = LoopRun.blank(gap.location().heading()) ? null : gap.location().heading();
      Step step = step(steps, heading == null ? UNKNOWN_STEP : heading, gap.location().line());
      step.gaps.add(gap);
      furthest = Math.max(furthest, gap.location().line());
    }

    List<StepResult> results = new ArrayList<>();
    LoopStatus status = run.state().status();
    String current = currentStep();
    boolean anyFailed = steps.values().stream().anyMatch(StepAnalysis::failed);
    boolean errorPlaced = false;
    for (Step step : ordered(steps)) {
      if (failed(step)) {
        results.add(result(step, Outcome.FAILED, failureMessage(step)));
      } else if (ERROR_ENDINGS.contains(status)
          && current != null
          && key(step.heading).equals(key(current))) {
        results.add(
            environmentStopped
                ? result(
                    step,
                    Outcome.SKIPPED,
                    "Not validated: the machine that ran the check stopped this step (see the"
                        + " environment findings).")
                : result(step, Outcome.ERROR, endingMessage()));
        errorPlaced = true;
      } else {
        results.add(result(step, Outcome.PASSED, null));
      }
    }
    boolean currentFailed =
        current != null && steps.containsKey(key(current)) && failed(steps.get(key(current)));
    if (ERROR_ENDINGS.contains(status)
        && !environmentStopped
        && !errorPlaced
        && !currentFailed
        && !anyFailed) {
      results.add(new StepResult(LOOP_STEP, 0, Outcome.ERROR, 0, List.of(), endingMessage()));
    }
    if (status != LoopStatus.COMPLETED && status.isTerminal()) {
      for (TutorialLocator.Heading heading : locator.headings()) {
        if (heading.level() >= 2
            && heading.line() > furthest
            && !steps.containsKey(key(heading.text()))) {
          results.add(
              new StepResult(
                  redactor.redact(heading.text()),
                  heading.line(),
                  Outcome.SKIPPED,
                  0,
                  List.of(),
                  "Not reached: the loop ended with status " + status.wireName() + "."));
        }
      }
    }
    return List.copyOf(results);
  }

  private StepResult result(Step step, Outcome outcome, String message) {
    return new StepResult(
        redactor.redact(step.heading),
        step.line,
        outcome,
        step.millis,
        step.gaps.stream().map(Gap::id).toList(),
        redactor.redact(message));
  }

  private static boolean failed(Step step) {
    return step.gaps.stream().anyMatch(g -> g.severity() != Severity.MINOR);
  }

  private static String failureMessage(Step step) {
    List<String> parts =
        step.gaps.stream()
            .filter(g -> g.severity() != Severity.MINOR)
            .map(
                g ->
                    g.id()
                        + " ("
                        + g.severity().wireName()
                        + ", "
                        + g.kind().wireName()
                        + "): "
                        + g.title())
            .toList();
    return String.join("; ", parts);
  }

  private String endingMessage() {
    String reason = run.state().reason();
    return "The loop ended with status "
        + run.state().status().wireName()
        + " on this step"
        + (LoopRun.blank(reason) ? "." : ": " + reason.strip());
  }

  /** The step the last iteration was on: where it got stuck, else its last command's step. */
  private String currentStep() {
    List<IterationRecord> iterations = run.iterations();
    for (int i = iterations.size() - 1; i >= 0; i--) {
      StudentOutput out = iterations.get(i).studentOutput();
      if (out == null) {
        continue;
      }
      TutorialLocation location = gapAnalysis.locate(out);
      if (!LoopRun.blank(location.heading())) {
        return location.heading();
      }
      List<CommandRecord> commands = out.commands();
      for (int c = commands.size() - 1; c >= 0; c--) {
        CommandRecord command = commands.get(c);
        String heading =
            !LoopRun.blank(command.step())
                ? command.step()
                : locator.headingOf(command.line()).orElse(null);
        if (heading != null) {
          return heading;
        }
      }
      return null;
    }
    return null;
  }

  private Step step(Map<String, Step> steps, String heading, int line) {
    if (LoopRun.blank(heading)) {
      return null;
    }
    Step step =
        steps.computeIfAbsent(
            key(heading), k -> new Step(heading.strip(), headingLine(heading, line), steps.size()));
    if (step.line == 0) {
      step.line = headingLine(heading, line);
    }
    return step;
  }

  /** The heading's own line, or else the first line met in the step; 0 when neither is known. */
  private int headingLine(String heading, int line) {
    int own = locator.lineOfHeading(heading);
    return own > 0 ? own : Math.max(0, line);
  }

  private static List<Step> ordered(Map<String, Step> steps) {
    List<Step> list = new ArrayList<>(steps.values());
    list.sort(
        Comparator.comparingInt((Step s) -> s.line > 0 ? s.line : Integer.MAX_VALUE)
            .thenComparingInt(s -> s.seen));
    return list;
  }

  private static String key(String heading) {
    return TutorialLocator.normalizeHeading(heading);
  }
}
