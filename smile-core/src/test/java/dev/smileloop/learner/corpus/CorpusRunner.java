package dev.smileloop.learner.corpus;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.learner.corpus.CorpusCase.Finding;
import dev.smileloop.learner.mentor.BuiltinMentor;
import dev.smileloop.learner.student.BuiltinStudent;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.control.ReportBuilder;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ToolInfo;
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a corpus tutorial the way {@code smile run} does with the built-in provider: Student and
 * Mentor in turn, the Mentor's notes handed to the next attempt, until the Student completes, the
 * Mentor finds no way past, or five iterations are used; the loop ends with the status the loop
 * engine gives it. Then the real report is built from that state, and what counts is what a user
 * reads there: the report's gaps (line and kind), its environment findings, and the outcome the
 * CLI's exit code says.
 */
final class CorpusRunner {

  private static final int MAX_ITERATIONS = 5;

  private final Path workRoot;
  private final Sandbox sandbox;
  private final ReportBuilder reports =
      new ReportBuilder(new SecretRedactor(Map.of()), new ToolInfo("SMILE Loop", "corpus", null));

  CorpusRunner(Path workRoot, Sandbox sandbox) {
    this.workRoot = workRoot;
    this.sandbox = sandbox;
  }

  /** What one run's report says; {@code titles} are its gaps' titles, for reading a miss. */
  record Result(
      String outcome,
      Set<Finding> gaps,
      Set<Finding> environmentFindings,
      List<String> titles,
      long millis) {}

  Result run(CorpusCase corpusCase) throws Exception {
    Path file = corpusCase.tutorial();
    Tutorial tutorial =
        new Tutorial(corpusCase.name(), file, file.getParent(), Files.readString(file));
    SmileConfig config =
        new SmileConfig(
            file.getParent(),
            file.toString(),
            LlmProvider.BUILTIN,
            MAX_ITERATIONS,
            120,
            "smile-base:latest",
            new StudentBehavior(3, true, true, true, true, 10, Patience.LOW),
            new ContainerSettings(false, false, false, false),
            ".smile/state.json",
            ".");
    Clock clock = Clock.systemUTC();
    BuiltinStudent student = new BuiltinStudent(workRoot, sandbox, clock);
    BuiltinMentor mentor =
        new BuiltinMentor(sandbox.commands(), new TutorialParser(sandbox.commands())::parse);
    List<MentorNote> notes = new ArrayList<>();
    List<IterationRecord> history = new ArrayList<>();
    Instant startedAt = clock.instant();
    long started = System.nanoTime();
    LoopStatus status = LoopStatus.MAX_ITERATIONS;
    for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
      Instant iterationStart = clock.instant();
      StudentOutput output =
          student.attempt(
              new StudentTask(
                  corpusCase.name(), iteration, tutorial, config, List.copyOf(notes), r -> {}));
      status = ending(output);
      if (status != null) {
        history.add(new IterationRecord(iteration, output, null, iterationStart, clock.instant()));
        break;
      }
      MentorAnswer answer =
          mentor.advise(
              new MentorTask(
                  corpusCase.name(), iteration, tutorial, config, output, List.copyOf(notes)));
      history.add(
          new IterationRecord(iteration, output, answer.notes(), iterationStart, clock.instant()));
      if (!answer.resolvable()) {
        status = LoopStatus.BLOCKER;
        break;
      }
      notes.add(
          new MentorNote(
              iteration,
              output.questionForMentor() != null ? output.questionForMentor() : output.problem(),
              answer.notes(),
              clock.instant(),
              output.location()));
      status = LoopStatus.MAX_ITERATIONS;
    }
    LoopState state =
        new LoopState(
            "corpus-" + corpusCase.name(),
            status,
            history.size(),
            MAX_ITERATIONS,
            file.getFileName().toString(),
            notes,
            history,
            startedAt,
            clock.instant(),
            null,
            null);
    Report report = reports.build(state, tutorial, config, clock);
    long millis = (System.nanoTime() - started) / 1_000_000;
    Set<Finding> gaps = new LinkedHashSet<>();
    for (Gap gap : report.gaps()) {
      gaps.add(new Finding(gap.location().line(), gap.kind().wireName()));
    }
    Set<Finding> findings = new LinkedHashSet<>();
    for (EnvironmentFinding finding : report.environmentFindings()) {
      findings.add(new Finding(finding.line() == null ? 0 : finding.line(), finding.kind()));
    }
    return new Result(
        outcome(report), gaps, findings, report.gaps().stream().map(Gap::title).toList(), millis);
  }

  /** The status the loop engine ends with after this Student output, or null when it goes on. */
  private static LoopStatus ending(StudentOutput output) {
    return switch (output.status()) {
      case COMPLETED ->
          output.nothingToValidate() != null
              ? LoopStatus.NOTHING_TO_VALIDATE
              : LoopStatus.COMPLETED;
      case CANNOT_COMPLETE -> LoopStatus.BLOCKER;
      case ASK_MENTOR -> null;
    };
  }

  /**
   * The outcome the CLI's exit code gives this report: 7 nothing to validate, 6 environment
   * prevented validation, 0 clean, 1 gaps, 2 blocked.
   */
  static String outcome(Report report) {
    LoopStatus status = report.summary().status();
    boolean unfinished = status == LoopStatus.BLOCKER || status == LoopStatus.MAX_ITERATIONS;
    boolean prevented = report.summary().environmentPreventedValidation();
    if (status == LoopStatus.NOTHING_TO_VALIDATE) {
      return "nothing_to_validate";
    }
    if (prevented && (unfinished || status == LoopStatus.COMPLETED && report.gaps().isEmpty())) {
      return "environment";
    }
    if (status == LoopStatus.COMPLETED) {
      return report.gaps().isEmpty() ? "clean" : "gaps";
    }
    return unfinished ? "blocked" : status.wireName();
  }
}
