package dev.smileloop.learner.corpus;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
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
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a corpus tutorial the way {@code smile run} does with the built-in provider: Student and
 * Mentor in turn, the Mentor's notes handed to the next attempt, until the Student completes, the
 * Mentor finds no way past, or five iterations are used. What it found is every place a Student
 * output named (the difficulty it asked about, its notices) and every environment finding.
 */
final class CorpusRunner {

  private static final int MAX_ITERATIONS = 5;

  private final Path workRoot;
  private final Sandbox sandbox;

  CorpusRunner(Path workRoot, Sandbox sandbox) {
    this.workRoot = workRoot;
    this.sandbox = sandbox;
  }

  /** What one run found. */
  record Result(String outcome, Set<Finding> gaps, Set<Finding> environmentFindings, long millis) {}

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
    BuiltinStudent student = new BuiltinStudent(workRoot, sandbox, Clock.systemUTC());
    BuiltinMentor mentor =
        new BuiltinMentor(sandbox.commands(), new TutorialParser(sandbox.commands())::parse);
    List<MentorNote> notes = new ArrayList<>();
    Map<Integer, String> gaps = new LinkedHashMap<>();
    Set<Finding> findings = new LinkedHashSet<>();
    long started = System.nanoTime();
    String outcome = "blocked";
    for (int iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
      StudentOutput output =
          student.attempt(
              new StudentTask(corpusCase.name(), iteration, tutorial, config, notes, r -> {}));
      output.notices().forEach(n -> gaps.putIfAbsent(n.location().line(), n.trigger()));
      for (EnvironmentFinding finding : output.environmentFindings()) {
        findings.add(new Finding(finding.line() == null ? 0 : finding.line(), finding.kind()));
      }
      if (output.location() != null && output.status() != StudentStatus.COMPLETED) {
        gaps.put(output.location().line(), output.trigger());
      }
      if (output.status() == StudentStatus.COMPLETED) {
        outcome =
            output.nothingToValidate() != null
                ? "nothing_to_validate"
                : !gaps.isEmpty() ? "gaps" : !findings.isEmpty() ? "environment" : "clean";
        break;
      }
      if (output.status() == StudentStatus.CANNOT_COMPLETE) {
        break;
      }
      MentorAnswer answer =
          mentor.advise(
              new MentorTask(corpusCase.name(), iteration, tutorial, config, output, notes));
      if (!answer.resolvable()) {
        break;
      }
      notes.add(
          new MentorNote(
              iteration,
              output.questionForMentor(),
              answer.notes(),
              Clock.systemUTC().instant(),
              output.location()));
    }
    Set<Finding> found = new LinkedHashSet<>();
    gaps.forEach((line, kind) -> found.add(new Finding(line, kind)));
    return new Result(outcome, found, findings, (System.nanoTime() - started) / 1_000_000);
  }
}
