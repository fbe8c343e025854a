package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.control.PackageInstall;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.sandbox.entity.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A failed system package install: are the packages there anyway, as on a prepared machine? */
final class SystemInstall {

  private final Terminal terminal;
  private final AttemptLog log;
  private final Problems problems;
  private final Function<Difficulty, CommandRunner.Result> escalate;

  SystemInstall(
      Terminal terminal,
      AttemptLog log,
      Problems problems,
      Function<Difficulty, CommandRunner.Result> escalate) {
    this.terminal = terminal;
    this.log = log;
    this.problems = problems;
    this.escalate = escalate;
  }

  /**
   * A system package install cannot work in the read-only, offline sandbox. It is not re-run; what
   * counts is whether the packages are there anyway, as on a prepared machine.
   */
  CommandRunner.Result handle(
      Step step, Command command, CommandResult result, List<String> packages)
      throws IOException, InterruptedException {
    log.tried(
        "ran `"
            + OutputText.shortCommand(command.text())
            + "` (line "
            + command.line()
            + "): exit "
            + result.exitCode());
    CommandResult check = terminal.check(PackageInstall.missingCheck(packages));
    List<String> missing =
        check.output().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    String names =
        packages.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    boolean one = packages.size() == 1;
    log.tried(
        "checked whether "
            + names
            + (one ? " is" : " are")
            + " installed already: "
            + (missing.isEmpty() ? "yes" : "missing " + String.join(", ", missing)));
    if (missing.isEmpty()) {
      log.notice(
          new Notice(
              StuckTrigger.MISSING_DEPENDENCY.wireName(),
              problems.location(command.line(), step),
              "the install command cannot run in the read-only, offline sandbox ("
                  + problems.problem(result)
                  + ")",
              names + (one ? " is" : " are") + " installed already, so I read on"));
      return CommandRunner.Result.WORKED_AROUND;
    }
    return escalate.apply(
        new Difficulty(
            StuckTrigger.MISSING_DEPENDENCY,
            problems.location(command.line(), step),
            command.text(),
            result,
            "cannot install "
                + String.join(", ", missing)
                + " in the read-only, offline sandbox ("
                + problems.problem(result)
                + "), and "
                + (missing.size() == 1 ? "it is" : "they are")
                + " not installed",
            1,
            List.of(),
            log.fixedLines.get(command.line())));
  }
}
