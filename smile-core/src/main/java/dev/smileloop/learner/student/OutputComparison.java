package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.ShownOutput;
import dev.smileloop.learner.entity.StatedOutput;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;
import java.util.Optional;

/**
 * After a command block: does what it printed match what the tutorial tells the reader to expect
 * (an output block, a transcript's lines, "It prints `X`"), and did it fail when the tutorial says
 * it fails? A difference is the tutorial's claim, not the learner's to fix: it becomes an {@code
 * unexpected_output} notice with both texts, and the learner reads on.
 */
final class OutputComparison {

  private final AttemptLog log;
  private final Problems problems;

  OutputComparison(AttemptLog log, Problems problems) {
    this.log = log;
    this.problems = problems;
  }

  void check(Step step, BlockRun run) {
    CodeBlock block = run.block;
    if (run.stoppedAt != 0) {
      return;
    }
    if (block.failureAnnounced() != null) {
      checkAnnouncedFailure(step, run);
      return;
    }
    if (!run.allPassed || !run.complete) {
      return;
    }
    for (ShownOutput shown : block.shownOutputs()) {
      String printed = shown.commandLine() == 0 ? run.all() : run.outputOf(shown.commandLine());
      if (printed != null) {
        compare(step, shown, printed, "shows this output");
      }
    }
    for (StatedOutput stated : block.statedOutputs()) {
      String output = stated.lastCommand() ? run.outputs.get(run.outputs.size() - 1) : run.all();
      List<String> missing = OutputCheck.missing(stated, output);
      if (!missing.isEmpty()) {
        log.notice(
            new Notice(
                StuckTrigger.UNEXPECTED_OUTPUT,
                new TutorialLocation(stated.line(), stated.sentence(), step.heading()),
                OutputCheck.problem(stated, missing, output),
                null));
      }
    }
  }

  private void checkAnnouncedFailure(Step step, BlockRun run) {
    CodeBlock block = run.block;
    if (!run.failedAsAnnounced) {
      if (run.allPassed) {
        int line = block.commands().get(block.commands().size() - 1).line();
        log.notice(
            new Notice(
                StuckTrigger.UNEXPECTED_OUTPUT,
                problems.location(line, step),
                "The tutorial says this fails (\""
                    + block.failureAnnounced()
                    + "\"), but it succeeded: `"
                    + OutputCheck.tail(run.all())
                    + "`",
                null));
      }
      return;
    }
    log.tried("line " + run.failedLine + " failed as the tutorial says: it teaches that failure");
    for (ShownOutput shown : block.shownOutputs()) {
      if (shown.commandLine() == 0 || shown.commandLine() == run.failedLine) {
        compare(step, shown, run.failedOutput, "shows this error");
      }
    }
  }

  private void compare(Step step, ShownOutput shown, String printed, String what) {
    Optional<String> missing = ExpectedText.firstMissing(shown.lines(), printed);
    if (missing.isEmpty()) {
      return;
    }
    String tail = OutputCheck.tail(printed);
    log.notice(
        new Notice(
            StuckTrigger.UNEXPECTED_OUTPUT,
            problems.location(shown.line(), step),
            "The tutorial "
                + what
                + " (line "
                + shown.line()
                + "): `"
                + missing.get().replace('`', '\'')
                + "`, but it printed"
                + (tail.isEmpty() ? " nothing" : ": `" + tail + "`"),
            null));
  }
}
