package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.control.CommandSplitter;
import dev.smileloop.learner.control.MentorFixes;
import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.learner.entity.VagueInstruction;
import dev.smileloop.learner.mentor.DeclaredTools;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass of the built-in learner through a tutorial, top to bottom, in one shell: it follows the
 * {@link AttemptPlan}, applies the Mentor's fixes where they belong, and reads on past every
 * difficulty (skipping the rest of that block, and noting later failures that only follow from it),
 * so one run reports every gap it can reach. The rules are described on {@link BuiltinStudent}.
 */
final class Attempt {

  private final Tutorial tutorial;
  private final TutorialStructure structure;
  private final List<MentorNote> notes;
  private final StudentBehavior behavior;
  private final CommandSplitter splitter;
  private final AttemptLog log = new AttemptLog();
  private final Terminal terminal;
  private final Problems problems;
  private final CommandRunner runner;
  private final FileSaver saver;
  private final OutputComparison comparison;

  Attempt(
      StudentTask task,
      TutorialStructure structure,
      ShellSession shell,
      ExecutableLookup commands,
      CommandSplitter splitter) {
    this.tutorial = task.tutorial();
    this.structure = structure;
    this.notes = task.mentorNotes();
    this.behavior = task.config().studentBehavior();
    this.splitter = splitter;
    this.terminal =
        new Terminal(shell, Duration.ofSeconds(behavior.timeoutSeconds()), log, task.progress());
    this.problems = new Problems(tutorial, behavior.timeoutSeconds(), log);
    this.runner =
        new CommandRunner(
            terminal,
            log,
            behavior,
            commands,
            DeclaredTools.of(structure.document(), List.of()),
            problems,
            !task.config().container().network());
    this.saver = new FileSaver(terminal, log, problems);
    this.comparison = new OutputComparison(log, problems);
  }

  StudentOutput run() throws IOException, InterruptedException {
    ImageCheck.check(tutorial, structure, log);
    AttemptPlan plan = AttemptPlan.of(structure);
    Map<Integer, List<MentorNote>> notesAt = plan.anchor(notes);
    BlockRun block = null;
    for (int i = 0; i <= plan.actions().size(); i++) {
      for (MentorNote note : notesAt.getOrDefault(i, List.of())) {
        applyNote(note);
      }
      if (i == plan.actions().size()) {
        break;
      }
      AttemptPlan.Action action = plan.actions().get(i);
      log.stepsReached.add(action.step());
      log.currentStep = action.step().heading();
      if (action instanceof AttemptPlan.Run run) {
        if (run.first()) {
          block = new BlockRun(run.block());
        }
        perform(run, block);
        if (run.last()) {
          comparison.check(run.step(), block);
        }
      } else if (action instanceof AttemptPlan.Save save) {
        Difficulty failed = saver.save(save.step(), save.block());
        if (failed != null) {
          runner.escalate(failed);
        }
      } else if (action instanceof AttemptPlan.Read read) {
        log.skipped.add("line " + read.block().fenceLine() + " (" + read.block().note() + ")");
      } else if (action instanceof AttemptPlan.Vague vague) {
        judgeVague(vague.step(), vague.instruction());
      }
    }
    return new AttemptReport(log, behavior.timeoutSeconds()).output(plan);
  }

  private void perform(AttemptPlan.Run run, BlockRun block)
      throws IOException, InterruptedException {
    int line = run.command().line();
    if (block.stoppedAt != 0) {
      log.skipped.add(
          "line " + line + " (after line " + block.stoppedAt + " failed in the same block)");
      return;
    }
    List<Difficulty> before = log.blockers();
    int findings = log.findings.size();
    CommandRunner.Result result =
        runner.run(run.step(), run.command(), run.block().failureAnnounced() != null);
    switch (result) {
      case PASSED, WORKED_AROUND -> {
        // The whole output is read only where the tutorial says what to expect.
        boolean compared = block.expectsOutput();
        Optional<String> full = compared ? terminal.lastOutput() : Optional.empty();
        block.passed(
            line, full.orElse(runner.lastRecord().outputExcerpt()), full.isPresent() || !compared);
      }
      case FAILED_AS_ANNOUNCED ->
          block.failed(
              line, terminal.lastOutput().orElse(runner.lastRecord().outputExcerpt()), true);
      case ENVIRONMENT -> {
        block.failed(line, runner.lastRecord().outputExcerpt(), false);
        block.stoppedAt = line;
        if (!run.last()) {
          log.skipped.add(
              "the rest of the block after line "
                  + line
                  + ", where this machine stopped it ("
                  + log.findings.get(findings).kind()
                  + ")");
        }
      }
      case BLOCKED -> {
        block.failed(line, runner.lastRecord().outputExcerpt(), false);
        List<Difficulty> now = log.blockers();
        Difficulty added = now.stream().filter(d -> !before.contains(d)).findFirst().orElse(null);
        block.stoppedAt = line;
        Difficulty cause = added == null ? null : Dependencies.causeOf(added, before);
        EnvironmentFinding machine = added == null ? null : machineCause(added);
        if (cause == null && machine != null) {
          forget(added);
          log.skipped.add(
              "line "
                  + line
                  + " failed too, as it depends on line "
                  + machine.line()
                  + ", which this machine could not run");
        } else if (cause != null) {
          forget(added);
          log.skipped.add(
              "line "
                  + line
                  + " failed too, as it depends on line "
                  + cause.location().line()
                  + " (not counted as another gap)");
        }
      }
    }
  }

  private EnvironmentFinding machineCause(Difficulty failed) {
    return log.findings.stream()
        .filter(f -> f.command() != null && Dependencies.shareNames(f.command(), failed.command()))
        .findFirst()
        .orElse(null);
  }

  /** Takes back a difficulty that only follows from an earlier one. */
  private void forget(Difficulty difficulty) {
    log.asking.remove(difficulty);
    if (log.unresolved.remove(difficulty)) {
      log.notices.removeIf(
          n ->
              n.location() == difficulty.location()
                  && n.trigger().equals(difficulty.trigger().wireName()));
    }
  }

  private void applyNote(MentorNote note) throws IOException, InterruptedException {
    int line = note.location().line();
    log.advisedLines.add(line);
    List<String> fixes = MentorFixes.commands(note.answer(), splitter);
    if (fixes.isEmpty()) {
      return;
    }
    log.fixedLines.merge(line, String.join("; ", fixes), (a, b) -> a + "; " + b);
    String heading =
        note.location().heading() == null ? log.currentStep : note.location().heading();
    for (String fix : fixes) {
      CommandResult result = terminal.execute(fix, line, heading, true);
      log.tried(
          "applied the mentor's fix before line "
              + line
              + ": `"
              + OutputText.shortCommand(fix)
              + "` (exit "
              + result.exitCode()
              + ")");
    }
  }

  private void judgeVague(Step step, VagueInstruction instruction) {
    if (log.advisedLines.contains(instruction.line())) {
      // The Mentor answered this place already; its fix (if any) has run. Read on.
      return;
    }
    TutorialLocation location = problems.location(instruction.line(), step);
    String problem =
        "the step asks for an action but gives no command: \"" + instruction.sentence() + "\"";
    if (behavior.patienceLevel() == Patience.LOW && behavior.askOnAmbiguousInstruction()) {
      log.asking.add(
          new Difficulty(
              StuckTrigger.AMBIGUOUS_INSTRUCTION,
              location,
              instruction.sentence(),
              null,
              problem,
              0,
              List.of(),
              null));
      return;
    }
    log.tried("read on past the vague instruction at line " + instruction.line());
    log.notice(
        new Notice(
            StuckTrigger.AMBIGUOUS_INSTRUCTION.wireName(),
            location,
            problem,
            behavior.askOnAmbiguousInstruction()
                ? "read on to the next step"
                : "read on to the next step (askOnAmbiguousInstruction is off)"));
  }
}
