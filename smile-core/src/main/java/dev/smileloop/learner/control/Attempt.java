package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.ImageReference;
import dev.smileloop.learner.entity.StatedOutput;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.learner.entity.VagueInstruction;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One pass of the built-in learner through a tutorial, top to bottom, in one shell. Keeps what
 * happened (commands, files, notices, difficulties) and turns it into a {@link StudentOutput}. The
 * rules it follows are described on {@link BuiltinStudent}.
 */
final class Attempt {

  /** The longest command output kept in full for comparing it with a stated output. */
  private static final int FULL_OUTPUT_LIMIT = 1 << 20;

  private static final Pattern NUMBERED_STEP =
      Pattern.compile("^(Step\\s+\\d+[a-z]?)\\b", Pattern.CASE_INSENSITIVE);

  private final Tutorial tutorial;
  private final TutorialStructure structure;
  private final List<MentorNote> notes;
  private final StudentBehavior behavior;
  private final Duration timeout;
  private final ShellSession shell;
  private final ExecutableLookup commands;
  private final CommandSplitter splitter;
  private final Consumer<CommandRecord> progress;

  private final List<CommandRecord> records = new ArrayList<>();
  private final List<String> commandsRun = new ArrayList<>();
  private final List<String> attempted = new ArrayList<>();
  private final List<String> files = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private final List<Difficulty> deferred = new ArrayList<>();
  private final List<Difficulty> unresolved = new ArrayList<>();
  private final Set<Integer> advisedLines = new HashSet<>();
  private final Map<Integer, String> fixedLines = new HashMap<>();
  private final Set<Step> stepsReached = new LinkedHashSet<>();
  private Difficulty ask;
  private String currentStep = "";
  private int savedFiles;
  private BlockOutput blockOutput;

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
    this.timeout = Duration.ofSeconds(behavior.timeoutSeconds());
    this.shell = shell;
    this.commands = commands;
    this.splitter = splitter;
    this.progress = task.progress() == null ? record -> {} : task.progress();
  }

  StudentOutput run() throws IOException, InterruptedException {
    checkImages();
    List<Action> actions = plan();
    Map<Integer, List<MentorNote>> notesAt = anchorNotes(actions);
    for (int i = 0; i <= actions.size() && ask == null; i++) {
      for (MentorNote note : notesAt.getOrDefault(i, List.of())) {
        applyNote(note);
      }
      if (i == actions.size()) {
        break;
      }
      Action action = actions.get(i);
      stepsReached.add(action.step());
      currentStep = action.step().heading();
      perform(action);
    }
    if (ask == null && !deferred.isEmpty()) {
      ask = deferred.get(0);
      for (Difficulty later : deferred.subList(1, deferred.size())) {
        notices.add(
            new Notice(
                later.trigger().wireName(),
                later.location(),
                later.problem(),
                "read on past it; asked about line " + ask.location().line() + " first"));
      }
    }
    return output(actions);
  }

  // ---- planning -------------------------------------------------------------------------------

  /** Something the learner does at a place in the tutorial. */
  private sealed interface Action {
    Step step();

    int line();

    int endLine();
  }

  private record Run(Step step, CodeBlock block, Command command) implements Action {
    public int line() {
      return command.line();
    }

    public int endLine() {
      return command.endLine();
    }
  }

  private record Save(Step step, CodeBlock block) implements Action {
    public int line() {
      return block.fenceLine();
    }

    public int endLine() {
      return block.endLine();
    }
  }

  private record Skip(Step step, CodeBlock block) implements Action {
    public int line() {
      return block.fenceLine();
    }

    public int endLine() {
      return block.endLine();
    }
  }

  private record Vague(Step step, VagueInstruction instruction) implements Action {
    public int line() {
      return instruction.line();
    }

    public int endLine() {
      return instruction.line();
    }
  }

  private List<Action> plan() {
    List<Action> actions = new ArrayList<>();
    for (Step step : structure.steps()) {
      if (step.kind() == StepKind.PREREQUISITES) {
        continue;
      }
      AmbiguityDetector.find(step).ifPresent(vague -> actions.add(new Vague(step, vague)));
      for (CodeBlock block : step.blocks()) {
        switch (block.kind()) {
          case SHELL, CONSOLE ->
              block.commands().forEach(command -> actions.add(new Run(step, block, command)));
          case FILE -> actions.add(new Save(step, block));
          case SKIPPED -> actions.add(new Skip(step, block));
          case OUTPUT -> {
            // Output shown for comparison is read, not run.
          }
        }
      }
    }
    return actions;
  }

  /**
   * A note applies just before the first action at or after its line: the failing command, the
   * vague sentence, or whatever comes next.
   */
  private Map<Integer, List<MentorNote>> anchorNotes(List<Action> actions) {
    Map<Integer, List<MentorNote>> notesAt = new HashMap<>();
    for (MentorNote note : notes) {
      if (note.location() == null || note.location().line() <= 0) {
        continue;
      }
      int line = note.location().line();
      int index = actions.size();
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        if (action.line() >= line || action.endLine() >= line) {
          index = i;
          break;
        }
      }
      notesAt.computeIfAbsent(index, k -> new ArrayList<>()).add(note);
    }
    return notesAt;
  }

  // ---- doing ----------------------------------------------------------------------------------

  private void applyNote(MentorNote note) throws IOException, InterruptedException {
    int line = note.location().line();
    advisedLines.add(line);
    List<String> fixes = MentorFixes.commands(note.answer(), splitter);
    if (fixes.isEmpty()) {
      return;
    }
    fixedLines.merge(line, String.join("; ", fixes), (a, b) -> a + "; " + b);
    String heading = note.location().heading() == null ? currentStep : note.location().heading();
    for (String fix : fixes) {
      CommandResult result = execute(fix, line, heading, true);
      attempted.add(
          "applied the mentor's fix before line "
              + line
              + ": `"
              + OutputText.shortCommand(fix)
              + "` (exit "
              + result.exitCode()
              + ")");
    }
  }

  private void perform(Action action) throws IOException, InterruptedException {
    if (action instanceof Run run) {
      if (run.command().equals(run.block().commands().get(0))) {
        blockOutput = new BlockOutput(run.block());
      }
      runCommand(run.step(), run.command());
      if (run.command().equals(run.block().commands().get(run.block().commands().size() - 1))) {
        checkStatedOutputs(run.step(), blockOutput);
      }
    } else if (action instanceof Save save) {
      saveFile(save.step(), save.block());
    } else if (action instanceof Vague vague) {
      judgeVague(vague.step(), vague.instruction());
    } else if (action instanceof Skip skip) {
      skipped.add("line " + skip.block().fenceLine() + " (" + skip.block().language() + ")");
    }
  }

  private enum Outcome {
    OK,
    MISSING,
    FAILED,
    TIMED_OUT
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

  private void runCommand(Step step, Command command) throws IOException, InterruptedException {
    CommandResult result = execute(command.text(), command.line(), step.heading(), false);
    Outcome outcome = classify(result);
    blockOutput.add(outcome == Outcome.OK, result);
    Optional<List<String>> packages = PackageInstall.packages(command.text());
    if ((outcome == Outcome.MISSING || outcome == Outcome.FAILED) && packages.isPresent()) {
      handleInstall(step, command, result, packages.get());
      return;
    }
    switch (outcome) {
      case OK -> noticeShellEnd(step, command, result);
      case TIMED_OUT -> {
        attempted.add(
            ran(command, result) + "; stopped it after " + behavior.timeoutSeconds() + " s");
        escalate(difficulty(StuckTrigger.TIMEOUT, step, command, result, 1, List.of()));
      }
      case MISSING -> handleMissing(step, command, result);
      case FAILED -> handleFailure(step, command, result);
    }
  }

  private void handleMissing(Step step, Command command, CommandResult result)
      throws IOException, InterruptedException {
    attempted.add(ran(command, result));
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
        notices.add(
            new Notice(
                StuckTrigger.MISSING_DEPENDENCY.wireName(),
                location(command.line(), step),
                problem(result),
                "I " + approach.description() + ", and that worked"));
        return;
      }
    }
    escalate(difficulty(StuckTrigger.MISSING_DEPENDENCY, step, command, result, 1, tried));
  }

  /**
   * A system package install cannot work in the read-only, offline sandbox. It is not re-run; what
   * counts is whether the packages are there anyway, as on a prepared machine.
   */
  private void handleInstall(
      Step step, Command command, CommandResult result, List<String> packages)
      throws IOException, InterruptedException {
    attempted.add(ran(command, result));
    CommandResult check = shell.run(PackageInstall.missingCheck(packages), timeout);
    List<String> missing =
        check.output().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    String names =
        packages.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    attempted.add(
        "checked whether "
            + names
            + " "
            + (packages.size() == 1 ? "is" : "are")
            + " installed already: "
            + (missing.isEmpty() ? "yes" : "missing " + String.join(", ", missing)));
    if (missing.isEmpty()) {
      notices.add(
          new Notice(
              StuckTrigger.MISSING_DEPENDENCY.wireName(),
              location(command.line(), step),
              "the install command cannot run in the read-only, offline sandbox ("
                  + problem(result)
                  + ")",
              names
                  + (packages.size() == 1 ? " is" : " are")
                  + " installed already, so I read on"));
      return;
    }
    escalate(
        new Difficulty(
            StuckTrigger.MISSING_DEPENDENCY,
            location(command.line(), step),
            command.text(),
            result,
            "cannot install "
                + String.join(", ", missing)
                + " in the read-only, offline sandbox ("
                + problem(result)
                + "), and "
                + (missing.size() == 1 ? "it is" : "they are")
                + " not installed",
            1,
            List.of(),
            fixedLines.get(command.line())));
  }

  private void handleFailure(Step step, Command command, CommandResult first)
      throws IOException, InterruptedException {
    attempted.add(ran(command, first));
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
          notices.add(
              new Notice(
                  StuckTrigger.COMMAND_FAILURE.wireName(),
                  location(command.line(), step),
                  problem(first),
                  "I " + approach.description() + ", and that worked"));
          return;
        }
      }
      if (failures >= behavior.maxRetriesBeforeHelp()) {
        break;
      }
      CommandResult again = execute(command.text(), command.line(), step.heading(), false);
      tried.add("ran it again: exit " + again.exitCode());
      attempted.add(
          "ran `" + OutputText.shortCommand(command.text()) + "` again: exit " + again.exitCode());
      if (classify(again) == Outcome.OK) {
        notices.add(
            new Notice(
                StuckTrigger.COMMAND_FAILURE.wireName(),
                location(command.line(), step),
                problem(first),
                "it passed when run again (run " + (failures + 1) + "): the command is flaky"));
        return;
      }
      last = again;
      failures++;
    }
    escalate(difficulty(StuckTrigger.COMMAND_FAILURE, step, command, last, failures, tried));
  }

  private CommandResult tryApproach(Step step, Command command, OwnApproaches.Approach approach)
      throws IOException, InterruptedException {
    CommandResult outcome = null;
    for (String attempt : approach.commands()) {
      outcome = execute(attempt, command.line(), step.heading(), false);
      if (!outcome.succeeded()) {
        break;
      }
    }
    attempted.add(
        "tried on my own: " + approach.description() + " (exit " + outcome.exitCode() + ")");
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

  private void saveFile(Step step, CodeBlock block) throws IOException, InterruptedException {
    String target = block.targetFile();
    Path source = shell.workspace().logs().resolve("file-" + (++savedFiles) + ".txt");
    Files.writeString(source, block.content() + "\n", StandardCharsets.UTF_8);
    String inside = shell.paths().logs() + "/" + source.getFileName();
    String destination =
        target.startsWith("~/") ? "\"$HOME\"/" + quote(target.substring(2)) : quote(target);
    String makeFolder =
        target.contains("/") ? "mkdir -p -- \"$(dirname -- " + destination + ")\" && " : "";
    String save =
        makeFolder + "cat -- " + quote(inside) + (block.append() ? " >> " : " > ") + destination;
    CommandResult result = shell.run(save, timeout);
    if (result.succeeded()) {
      files.add(shown(target, result.directory()));
      return;
    }
    String what = (block.append() ? "add the block to `" : "save the block as `") + target + "`";
    attempted.add(
        "tried to "
            + what
            + " (line "
            + block.fenceLine()
            + "): "
            + OutputText.keyLine(result.output()));
    escalate(
        new Difficulty(
            StuckTrigger.COMMAND_FAILURE,
            location(block.fenceLine(), step),
            what,
            result,
            "could not " + what + ": " + OutputText.keyLine(result.output()),
            1,
            List.of(),
            fixedLines.get(block.fenceLine())));
  }

  private void judgeVague(Step step, VagueInstruction instruction) {
    if (advisedLines.contains(instruction.line())) {
      // The Mentor answered this place already; its fix (if any) has run. Read on.
      return;
    }
    TutorialLocation location = location(instruction.line(), step);
    String problem =
        "the step asks for an action but gives no command: \"" + instruction.sentence() + "\"";
    Difficulty difficulty =
        new Difficulty(
            StuckTrigger.AMBIGUOUS_INSTRUCTION,
            location,
            instruction.sentence(),
            null,
            problem,
            0,
            List.of(),
            null);
    if (behavior.patienceLevel() == Patience.LOW && behavior.askOnAmbiguousInstruction()) {
      ask = difficulty;
      return;
    }
    attempted.add("read on past the vague instruction at line " + instruction.line());
    notices.add(
        new Notice(
            StuckTrigger.AMBIGUOUS_INSTRUCTION.wireName(),
            location,
            problem,
            behavior.askOnAmbiguousInstruction()
                ? "read on to the next step"
                : "read on to the next step (askOnAmbiguousInstruction is off)"));
  }

  /**
   * What the block's commands printed, in full, for comparing with what the tutorial says they
   * print; only kept for blocks that state an output.
   */
  private final class BlockOutput {
    private final CodeBlock block;
    private final List<String> outputs = new ArrayList<>();
    private boolean succeeded = true;
    private boolean complete = true;

    BlockOutput(CodeBlock block) {
      this.block = block;
    }

    void add(boolean ok, CommandResult result) throws IOException {
      if (block.statedOutputs().isEmpty()) {
        return;
      }
      succeeded &= ok;
      if (!ok) {
        return;
      }
      Optional<String> full = shell.lastOutput(FULL_OUTPUT_LIMIT);
      complete &= full.isPresent();
      outputs.add(full.orElse(result.output()));
    }
  }

  /**
   * After a block whose commands all succeeded at once: does each output the tutorial states for it
   * show up? A difference is the tutorial's claim, not the learner's to fix, so it is noted and the
   * learner reads on. With an output too long to keep in full, only a match counts.
   */
  private void checkStatedOutputs(Step step, BlockOutput printed) {
    if (ask != null
        || printed == null
        || !printed.succeeded
        || printed.outputs.size() != printed.block.commands().size()) {
      return;
    }
    for (StatedOutput stated : printed.block.statedOutputs()) {
      String output =
          stated.lastCommand()
              ? printed.outputs.get(printed.outputs.size() - 1)
              : String.join("\n", printed.outputs);
      List<String> missing = OutputCheck.missing(stated, output);
      if (missing.isEmpty() || !printed.complete) {
        continue;
      }
      notices.add(
          new Notice(
              StuckTrigger.UNEXPECTED_OUTPUT,
              new TutorialLocation(stated.line(), stated.sentence(), step.heading()),
              OutputCheck.problem(stated, missing, output),
              null));
    }
  }

  private void noticeShellEnd(Step step, Command command, CommandResult result) {
    if (!result.shellEnded()) {
      return;
    }
    notices.add(
        new Notice(
            StuckTrigger.SHELL_ENDED,
            location(command.line(), step),
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
   * Ask now, read on and ask at the end (high patience), or note it and go on when asking on this
   * trigger is switched off.
   */
  private void escalate(Difficulty difficulty) {
    if (!askingOn(difficulty.trigger())) {
      unresolved.add(difficulty);
      notices.add(
          new Notice(
              difficulty.trigger().wireName(),
              difficulty.location(),
              difficulty.problem(),
              "went on without help (" + difficulty.trigger().switchName() + " is off)"));
      return;
    }
    if (behavior.patienceLevel() == Patience.HIGH) {
      attempted.add("read on past line " + difficulty.location().line() + " to see how far I get");
      deferred.add(difficulty);
      return;
    }
    ask = difficulty;
  }

  private boolean askingOn(StuckTrigger trigger) {
    return switch (trigger) {
      case MISSING_DEPENDENCY -> behavior.askOnMissingDependency();
      case COMMAND_FAILURE -> behavior.askOnCommandFailure();
      case TIMEOUT -> behavior.askOnTimeout();
      case AMBIGUOUS_INSTRUCTION -> behavior.askOnAmbiguousInstruction();
    };
  }

  private CommandResult execute(String text, int line, String heading, boolean fromMentor)
      throws IOException, InterruptedException {
    CommandResult result = shell.run(text, timeout);
    CommandRecord record =
        new CommandRecord(
            text,
            line,
            heading,
            result.exitCode(),
            result.output(),
            result.durationMillis(),
            result.timedOut(),
            fromMentor,
            result.limit());
    records.add(record);
    commandsRun.add(text);
    progress.accept(record);
    if (result.shellEnded()) {
      attempted.add(
          "`"
              + OutputText.shortCommand(text)
              + "` (line "
              + line
              + ") "
              + (result.timedOut() ? "was killed with its shell" : "ended the shell")
              + "; the next command runs in a new shell in "
              + result.directory()
              + ", without earlier variables and functions");
    }
    return result;
  }

  private void checkImages() {
    Path folder = tutorial.folder() == null ? null : tutorial.folder().toAbsolutePath().normalize();
    for (ImageReference image : structure.images()) {
      String target = image.target();
      if (target.matches("(?i)^(https?:|data:|mailto:|//).*")) {
        continue;
      }
      String local =
          URLDecoder.decode(
              target.replaceAll("[?#].*$", "").replace("+", "%2B"), StandardCharsets.UTF_8);
      String problem = null;
      if (folder == null) {
        problem =
            "image `"
                + target
                + "` cannot be found: the tutorial has no folder to resolve it against";
      } else if (local.startsWith("/") || local.startsWith("~")) {
        problem =
            "image `"
                + target
                + "` is an absolute path; images must be relative to the tutorial's folder";
      } else {
        Path file = folder.resolve(local).normalize();
        if (!file.startsWith(folder)) {
          problem = "image `" + target + "` points outside the tutorial's folder";
        } else if (!Files.isRegularFile(file)) {
          problem = "image `" + target + "` does not exist";
        }
      }
      if (problem != null) {
        String heading = structure.stepAt(image.line()).map(Step::heading).orElse("");
        notices.add(
            new Notice(
                StuckTrigger.MISSING_IMAGE,
                new TutorialLocation(image.line(), tutorial.line(image.line()).strip(), heading),
                problem,
                "read on without the image"));
      }
    }
  }

  // ---- reporting ------------------------------------------------------------------------------

  private StudentOutput output(List<Action> actions) {
    long stepsWithWork = actions.stream().map(Action::step).distinct().count();
    if (ask != null) {
      Difficulty d = ask;
      String summary =
          deferred.isEmpty()
              ? "Stopped at line "
                  + d.location().line()
                  + " in "
                  + stepName(d.location().heading())
                  + " ("
                  + stepsReached.size()
                  + " of "
                  + stepsWithWork
                  + " steps reached): "
                  + counts()
                  + "."
              : "Read on to the end ("
                  + stepsReached.size()
                  + " of "
                  + stepsWithWork
                  + " steps reached); asking about"
                  + " the first unresolved difficulty, line "
                  + d.location().line()
                  + " in "
                  + stepName(d.location().heading())
                  + ": "
                  + counts()
                  + ".";
      return new StudentOutput(
          StudentStatus.ASK_MENTOR,
          d.location().heading(),
          attempted,
          d.problem(),
          question(d),
          null,
          summary + skippedNote(),
          files,
          commandsRun,
          d.location(),
          d.trigger().wireName(),
          records,
          notices);
    }
    if (!unresolved.isEmpty()) {
      Difficulty first = unresolved.get(0);
      String reason =
          "The tutorial could not be completed: "
              + unresolved.stream()
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
              + unresolved.stream()
                  .map(d -> d.trigger().switchName())
                  .distinct()
                  .collect(Collectors.joining(", "))
              + ".";
      String summary =
          "Went through all "
              + stepsWithWork
              + " steps; "
              + unresolved.size()
              + " difficult"
              + (unresolved.size() == 1 ? "y remains" : "ies remain")
              + " unresolved: "
              + counts()
              + ".";
      return new StudentOutput(
          StudentStatus.CANNOT_COMPLETE,
          first.location().heading(),
          attempted,
          first.problem(),
          null,
          reason,
          summary + skippedNote(),
          files,
          commandsRun,
          first.location(),
          first.trigger().wireName(),
          records,
          notices);
    }
    String summary = "Completed all " + stepsWithWork + " steps: " + counts() + ".";
    return new StudentOutput(
        StudentStatus.COMPLETED,
        currentStep,
        attempted,
        null,
        null,
        null,
        summary + skippedNote(),
        files,
        commandsRun,
        null,
        null,
        records,
        notices);
  }

  private String counts() {
    long mentorFixes = records.stream().filter(CommandRecord::fromMentor).count();
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
        + notices.size()
        + " notice"
        + (notices.size() == 1 ? "" : "s");
  }

  private String skippedNote() {
    return skipped.isEmpty()
        ? ""
        : " Not run (code in another language, not introduced as a file): "
            + String.join(", ", skipped)
            + ".";
  }

  private String question(Difficulty d) {
    String step = stepName(d.location().heading());
    int line = d.location().line();
    String asked;
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
    asked =
        switch (d.trigger()) {
          case MISSING_DEPENDENCY ->
              d.problem().startsWith("cannot install")
                  ? step + " runs `" + command + "` (line " + line + "), but I " + d.problem() + "."
                  : step
                      + " runs `"
                      + command
                      + "` (line "
                      + line
                      + ") and the shell answers '"
                      + key
                      + "' (exit "
                      + result.exitCode()
                      + ").";
          case TIMEOUT ->
              step
                  + " runs `"
                  + command
                  + "` (line "
                  + line
                  + "), which was still running after "
                  + behavior.timeoutSeconds()
                  + " s, so I stopped it.";
          default ->
              step
                  + " runs `"
                  + command
                  + "` (line "
                  + line
                  + "); it failed"
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

  private Difficulty difficulty(
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
        fixedLines.get(command.line()));
  }

  private String problem(CommandResult result) {
    return problem(result, 1);
  }

  private String problem(CommandResult result, int failures) {
    if (result.timedOut()) {
      return "still running after "
          + behavior.timeoutSeconds()
          + " s (the per-command time limit), so it was stopped";
    }
    return "exit code "
        + result.exitCode()
        + (failures > 1 ? " (failed " + failures + " times in a row)" : "")
        + ": "
        + OutputText.keyLine(result.output());
  }

  private TutorialLocation location(int line, Step step) {
    return new TutorialLocation(line, tutorial.line(line).strip(), step.heading());
  }

  private static String ran(Command command, CommandResult result) {
    return "ran `"
        + OutputText.shortCommand(command.text())
        + "` (line "
        + command.line()
        + "): "
        + (result.timedOut() ? "timed out" : "exit " + result.exitCode());
  }

  /** "Step 2" for "Step 2: Show the tree", else the heading in quotes. */
  static String stepName(String heading) {
    if (heading == null || heading.isBlank()) {
      return "The introduction";
    }
    Matcher numbered = NUMBERED_STEP.matcher(heading);
    return numbered.find() ? numbered.group(1) : "The step '" + heading + "'";
  }

  private String shown(String target, String directory) {
    if (target.startsWith("/") || target.startsWith("~/")) {
      return target;
    }
    String work = shell.paths().work();
    if (directory.equals(work)) {
      return target;
    }
    if (directory.startsWith(work + "/")) {
      return directory.substring(work.length() + 1) + "/" + target;
    }
    return directory + "/" + target;
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
