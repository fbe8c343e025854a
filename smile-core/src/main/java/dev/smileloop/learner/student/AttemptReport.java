package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.sandbox.entity.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the record of an attempt into the Student's output: {@code ask_mentor} about the first
 * difficulty it could not get past (the later ones become notices, so one run reports them all),
 * {@code cannot_complete} when asking was switched off for them, otherwise {@code completed} — with
 * {@code nothingToValidate} set when nothing was run or saved.
 */
final class AttemptReport {

  private static final Pattern NUMBERED_STEP =
      Pattern.compile("^(Step\\s+\\d+[a-z]?)\\b", Pattern.CASE_INSENSITIVE);

  private final AttemptLog log;
  private final int timeoutSeconds;

  AttemptReport(AttemptLog log, int timeoutSeconds) {
    this.log = log;
    this.timeoutSeconds = timeoutSeconds;
  }

  StudentOutput output(AttemptPlan plan) {
    long stepsWithWork = plan.actions().stream().map(AttemptPlan.Action::step).distinct().count();
    List<Notice> notices = new ArrayList<>(log.notices);
    StudentOutput.Builder out =
        StudentOutput.builder(StudentStatus.COMPLETED)
            .attemptedActions(log.attempted)
            .filesCreated(log.files)
            .commandsRun(log.commandsRun)
            .commands(log.records)
            .environmentFindings(log.findings);
    String reached = log.stepsReached.size() + " of " + stepsWithWork + " steps reached";
    if (!log.asking.isEmpty()) {
      Difficulty d = log.asking.get(0);
      for (Difficulty later : log.asking.subList(1, log.asking.size())) {
        notices.add(
            new Notice(
                later.trigger().wireName(),
                later.location(),
                later.problem(),
                "read on past it; asked about line " + d.location().line() + " first"));
      }
      String more =
          log.asking.size() > 1 ? " (" + (log.asking.size() - 1) + " more further on, noted)" : "";
      return out.status(StudentStatus.ASK_MENTOR)
          .currentStep(d.location().heading())
          .problem(d.problem())
          .questionForMentor(question(d))
          .summary(
              "Read on to the end ("
                  + reached
                  + "); asking about the first difficulty I could not get past, line "
                  + d.location().line()
                  + " in "
                  + stepName(d.location().heading())
                  + more
                  + ": "
                  + counts(notices.size())
                  + "."
                  + skippedNote())
          .location(d.location())
          .trigger(d.trigger().wireName())
          .notices(notices)
          .build();
    }
    if (!log.unresolved.isEmpty()) {
      Difficulty first = log.unresolved.get(0);
      String reason =
          "The tutorial could not be completed: "
              + log.unresolved.stream()
                  .map(
                      d ->
                          "line "
                              + d.location().line()
                              + " ("
                              + d.trigger().wireName()
                              + "): "
                              + d.problem())
                  .collect(Collectors.joining("; "))
              + ". Asking for help is switched off for "
              + log.unresolved.stream()
                  .map(d -> d.trigger().switchName())
                  .distinct()
                  .collect(Collectors.joining(", "))
              + ".";
      int n = log.unresolved.size();
      return out.status(StudentStatus.CANNOT_COMPLETE)
          .currentStep(first.location().heading())
          .problem(first.problem())
          .reason(reason)
          .summary(
              "Went through all "
                  + stepsWithWork
                  + " steps; "
                  + n
                  + " difficult"
                  + (n == 1 ? "y remains" : "ies remain")
                  + " unresolved: "
                  + counts(notices.size())
                  + "."
                  + skippedNote())
          .location(first.location())
          .trigger(first.trigger().wireName())
          .notices(notices)
          .build();
    }
    String summary =
        plan.nothingToValidate() != null
            ? "Nothing to validate: " + plan.nothingToValidate() + "."
            : "Completed all " + stepsWithWork + " steps: " + counts(notices.size()) + ".";
    return out.currentStep(log.currentStep)
        .summary(summary + skippedNote())
        .notices(notices)
        .nothingToValidate(plan.nothingToValidate())
        .build();
  }

  private String counts(int notices) {
    List<CommandRecord> records = log.records;
    long mentorFixes = records.stream().filter(CommandRecord::fromMentor).count();
    List<String> files = log.files;
    return records.size()
        + " command"
        + (records.size() == 1 ? "" : "s")
        + " run"
        + (mentorFixes > 0 ? " (" + mentorFixes + " from the mentor's notes)" : "")
        + ", "
        + files.size()
        + " file"
        + (files.size() == 1 ? "" : "s")
        + " written"
        + (files.isEmpty() ? "" : " (" + String.join(", ", files) + ")")
        + ", "
        + notices
        + " notice"
        + (notices == 1 ? "" : "s")
        + (log.findings.isEmpty()
            ? ""
            : ", "
                + log.findings.size()
                + " environment finding"
                + (log.findings.size() == 1 ? "" : "s"));
  }

  private String skippedNote() {
    return log.skipped.isEmpty() ? "" : " Not run: " + String.join("; ", log.skipped) + ".";
  }

  private String question(Difficulty d) {
    String step = stepName(d.location().heading());
    int line = d.location().line();
    if (d.trigger() == StuckTrigger.AMBIGUOUS_INSTRUCTION) {
      return step
          + " says \""
          + d.command()
          + "\" (line "
          + line
          + ") but gives no command to run. What exactly should I do?";
    }
    CommandResult result = d.result();
    String command = OutputText.shortCommand(d.command());
    String key = OutputText.keyLine(result.output());
    String runs = step + " runs `" + command + "` (line " + line + ")";
    String asked =
        switch (d.trigger()) {
          case MISSING_DEPENDENCY ->
              d.problem().startsWith("cannot install")
                  ? runs + ", but I " + d.problem() + "."
                  : runs + " and the shell answers '" + key + "' (exit " + result.exitCode() + ").";
          case TIMEOUT ->
              runs + ", which was still running after " + timeoutSeconds + " s, so I stopped it.";
          default ->
              runs
                  + "; it failed"
                  + (d.failures() > 1 ? " " + d.failures() + " times in a row" : "")
                  + " with exit code "
                  + result.exitCode()
                  + ": '"
                  + key
                  + "'.";
        };
    if (!d.tried().isEmpty()) {
      asked += " I also tried: " + String.join("; ", d.tried()) + ".";
    }
    if (d.mentorFix() != null) {
      asked +=
          " I applied your fix before line "
              + line
              + " (`"
              + OutputText.shortCommand(d.mentorFix())
              + "`), but it still fails.";
    }
    return asked + " What should I do?";
  }

  /** "Step 2" for "Step 2: Show the tree", else the heading in quotes. */
  static String stepName(String heading) {
    if (heading == null || heading.isBlank()) {
      return "The introduction";
    }
    Matcher numbered = NUMBERED_STEP.matcher(heading);
    return numbered.find() ? numbered.group(1) : "The step '" + heading + "'";
  }
}
