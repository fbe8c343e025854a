package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.control.OwnApproaches;
import dev.smileloop.learner.control.PackageInstall;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.learner.mentor.EnvironmentCauses;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.entity.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one tutorial command the way a careful reader would: re-runs a failure, tries its own
 * approaches as far as patience allows, checks whether packages a system install wanted are there
 * anyway, hands failures this machine caused to {@link EnvironmentCauses}, and otherwise records
 * the difficulty (to ask about, or to note when asking is switched off).
 */
final class CommandRunner {

  /** How a command ended, as far as the rest of the attempt is concerned. */
  enum Result {
    PASSED,
    WORKED_AROUND,
    FAILED_AS_ANNOUNCED,
    ENVIRONMENT,
    BLOCKED
  }

  private enum Outcome {
    OK,
    MISSING,
    FAILED,
    TIMED_OUT
  }

  private final Terminal terminal;
  private final AttemptLog log;
  private final StudentBehavior behavior;
  private final ExecutableLookup commands;
  private final Set<String> declaredTools;
  private final Problems problems;
  private final boolean offline;

  CommandRunner(
      Terminal terminal,
      AttemptLog log,
      StudentBehavior behavior,
      ExecutableLookup commands,
      Set<String> declaredTools,
      Problems problems,
      boolean offline) {
    this.terminal = terminal;
    this.log = log;
    this.behavior = behavior;
    this.commands = commands;
    this.declaredTools = declaredTools;
    this.problems = problems;
    this.offline = offline;
  }

  /** Runs a command; {@code failureAnnounced} when the tutorial says it fails on purpose. */
  Result run(Step step, Command command, boolean failureAnnounced)
      throws IOException, InterruptedException {
    CommandResult result = terminal.execute(command.text(), command.line(), step.heading(), false);
    Outcome outcome = classify(result);
    if (outcome == Outcome.OK) {
      noticeShellEnd(step, command, result);
      return Result.PASSED;
    }
    if (failureAnnounced && outcome == Outcome.FAILED) {
      log.tried(ran(command, result) + ", as the tutorial says it will");
      return Result.FAILED_AS_ANNOUNCED;
    }
    Optional<EnvironmentFinding> finding =
        EnvironmentCauses.classify(terminal.lastRecord(), step.heading(), declaredTools, offline);
    if (finding.isPresent()) {
      EnvironmentFinding found = finding.get();
      log.finding(
          found.quote() != null
              ? found
              : new EnvironmentFinding(
                  found.kind(),
                  found.line(),
                  problems.quote(command.line()),
                  found.step(),
                  found.command(),
                  found.evidence(),
                  found.advice()));
      log.tried(ran(command, result) + "; this machine is the cause (" + found.kind() + ")");
      return Result.ENVIRONMENT;
    }
    Optional<List<String>> packages = PackageInstall.packages(command.text());
    if (outcome != Outcome.TIMED_OUT && packages.isPresent()) {
      return new SystemInstall(terminal, log, problems, this::escalate)
          .handle(step, command, result, packages.get());
    }
    return switch (outcome) {
      case TIMED_OUT -> {
        log.tried(ran(command, result) + "; stopped it after " + behavior.timeoutSeconds() + " s");
        yield escalate(
            problems.difficulty(StuckTrigger.TIMEOUT, step, command, result, 1, List.of()));
      }
      case MISSING -> handleMissing(step, command, result);
      default -> handleFailure(step, command, result);
    };
  }

  private static Outcome classify(CommandResult result) {
    if (result.timedOut()) {
      return Outcome.TIMED_OUT;
    }
    if (result.exitCode() == 127 || OutputText.missingCommand(result.output()).isPresent()) {
      return Outcome.MISSING;
    }
    return result.exitCode() == 0 ? Outcome.OK : Outcome.FAILED;
  }

  private Result handleMissing(Step step, Command command, CommandResult result)
      throws IOException, InterruptedException {
    log.tried(ran(command, result));
    String missing =
        OutputText.missingCommand(result.output())
            .or(() -> OutputText.missingProgramPath(result.output()))
            .orElse(OutputText.firstWord(command.text()));
    List<String> tried = new ArrayList<>();
    for (OwnApproaches.Approach approach :
        affordable(OwnApproaches.forMissing(missing, command.text(), commands))) {
      CommandResult outcome = tryApproach(step, command, approach);
      tried.add(approach.description() + ": exit " + outcome.exitCode());
      if (classify(outcome) == Outcome.OK) {
        workedAround(StuckTrigger.MISSING_DEPENDENCY, step, command, result, approach);
        return Result.WORKED_AROUND;
      }
    }
    return escalate(
        problems.difficulty(StuckTrigger.MISSING_DEPENDENCY, step, command, result, 1, tried));
  }

  private Result handleFailure(Step step, Command command, CommandResult first)
      throws IOException, InterruptedException {
    log.tried(ran(command, first));
    List<String> tried = new ArrayList<>();
    List<OwnApproaches.Approach> approaches =
        affordable(OwnApproaches.forFailure(command.text(), first));
    int nextApproach = 0;
    int failures = 1;
    CommandResult last = first;
    while (true) {
      if (nextApproach < approaches.size()) {
        OwnApproaches.Approach approach = approaches.get(nextApproach++);
        CommandResult outcome = tryApproach(step, command, approach);
        tried.add(approach.description() + ": exit " + outcome.exitCode());
        if (classify(outcome) == Outcome.OK) {
          workedAround(StuckTrigger.COMMAND_FAILURE, step, command, first, approach);
          return Result.WORKED_AROUND;
        }
      }
      if (failures >= behavior.maxRetriesBeforeHelp()) {
        break;
      }
      CommandResult again = terminal.execute(command.text(), command.line(), step.heading(), false);
      tried.add("ran it again: exit " + again.exitCode());
      log.tried(
          "ran `" + OutputText.shortCommand(command.text()) + "` again: exit " + again.exitCode());
      if (classify(again) == Outcome.OK) {
        log.notice(
            new Notice(
                StuckTrigger.COMMAND_FAILURE.wireName(),
                problems.location(command.line(), step),
                problems.problem(first),
                "it passed when run again (run " + (failures + 1) + "): the command is flaky"));
        return Result.WORKED_AROUND;
      }
      last = again;
      failures++;
    }
    return escalate(
        problems.difficulty(StuckTrigger.COMMAND_FAILURE, step, command, last, failures, tried));
  }

  private void workedAround(
      StuckTrigger trigger,
      Step step,
      Command command,
      CommandResult result,
      OwnApproaches.Approach approach) {
    log.notice(
        new Notice(
            trigger.wireName(),
            problems.location(command.line(), step),
            problems.problem(result),
            "I " + approach.description() + ", and that worked"));
  }

  private CommandResult tryApproach(Step step, Command command, OwnApproaches.Approach approach)
      throws IOException, InterruptedException {
    CommandResult outcome = null;
    for (String attempt : approach.commands()) {
      outcome = terminal.execute(attempt, command.line(), step.heading(), false);
      if (!outcome.succeeded()) {
        break;
      }
    }
    log.tried("tried on my own: " + approach.description() + " (exit " + outcome.exitCode() + ")");
    return outcome;
  }

  private List<OwnApproaches.Approach> affordable(List<OwnApproaches.Approach> approaches) {
    int budget =
        switch (behavior.patienceLevel()) {
          case LOW -> 0;
          case MEDIUM -> 2;
          case HIGH -> Integer.MAX_VALUE;
        };
    return approaches.subList(0, Math.min(budget, approaches.size()));
  }

  private void noticeShellEnd(Step step, Command command, CommandResult result) {
    if (!result.shellEnded()) {
      return;
    }
    log.notice(
        new Notice(
            StuckTrigger.SHELL_ENDED,
            problems.location(command.line(), step),
            "`"
                + OutputText.shortCommand(command.text())
                + "` ended the shell (exit "
                + result.exitCode()
                + ")",
            "opened a new shell in "
                + result.directory()
                + "; variables and functions set before are gone"));
  }

  /**
   * Records a difficulty the learner could not get past: one to ask about (the first) or read on
   * past, or, when asking on its trigger is switched off, a notice, and it goes on.
   */
  Result escalate(Difficulty difficulty) {
    if (!askingOn(difficulty.trigger())) {
      log.unresolved.add(difficulty);
      log.notice(
          new Notice(
              difficulty.trigger().wireName(),
              difficulty.location(),
              difficulty.problem(),
              "went on without help (" + difficulty.trigger().switchName() + " is off)"));
      return Result.BLOCKED;
    }
    log.asking.add(difficulty);
    return Result.BLOCKED;
  }

  boolean askingOn(StuckTrigger trigger) {
    return switch (trigger) {
      case MISSING_DEPENDENCY -> behavior.askOnMissingDependency();
      case COMMAND_FAILURE -> behavior.askOnCommandFailure();
      case TIMEOUT -> behavior.askOnTimeout();
      case AMBIGUOUS_INSTRUCTION -> behavior.askOnAmbiguousInstruction();
    };
  }

  private static String ran(Command command, CommandResult result) {
    return "ran `"
        + OutputText.shortCommand(command.text())
        + "` (line "
        + command.line()
        + "): "
        + (result.timedOut() ? "timed out" : "exit " + result.exitCode());
  }

  CommandRecord lastRecord() {
    return terminal.lastRecord();
  }
}
