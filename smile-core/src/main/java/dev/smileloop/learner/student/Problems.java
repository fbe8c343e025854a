package dev.smileloop.learner.student;

import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;

/** How the learner words a place and a problem: the tutorial line quoted, the key error line. */
final class Problems {

  private final Tutorial tutorial;
  private final int timeoutSeconds;
  private final AttemptLog log;

  Problems(Tutorial tutorial, int timeoutSeconds, AttemptLog log) {
    this.tutorial = tutorial;
    this.timeoutSeconds = timeoutSeconds;
    this.log = log;
  }

  TutorialLocation location(int line, Step step) {
    return new TutorialLocation(line, quote(line), step.heading());
  }

  String quote(int line) {
    return tutorial.line(line).strip();
  }

  String problem(CommandResult result) {
    return problem(result, 1);
  }

  String problem(CommandResult result, int failures) {
    if (result.timedOut()) {
      return "still running after "
          + timeoutSeconds
          + " s (the per-command time limit), so it was stopped";
    }
    return "exit code "
        + result.exitCode()
        + (failures > 1 ? " (failed " + failures + " times in a row)" : "")
        + ": "
        + OutputText.keyLine(result.output());
  }

  Difficulty difficulty(
      StuckTrigger trigger,
      Step step,
      Command command,
      CommandResult result,
      int failures,
      List<String> tried) {
    return new Difficulty(
        trigger,
        location(command.line(), step),
        command.text(),
        result,
        problem(result, failures),
        failures,
        tried,
        log.fixedLines.get(command.line()));
  }
}
