package dev.smileloop.model.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a Student output from what really happened in the workspace: the files that exist there
 * and the commands SMILE ran. The model's words are kept only as its summary ("The model says:
 * ..."); each file it claims to have created that is not in the workspace becomes an {@code
 * unverified_claim} notice, so a run resting on such a claim is never reported as "no gaps".
 */
final class Verdicts {

  static final String UNVERIFIED = "unverified_claim";
  private static final int MAX_FILES = 500;

  private final Tutorial tutorial;
  private final Path work;

  Verdicts(Tutorial tutorial, Path work) {
    this.tutorial = tutorial;
    this.work = work;
  }

  StudentOutput finish(
      StudentStatus status,
      String summary,
      String reason,
      String step,
      List<String> claimedFiles,
      List<CommandRecord> commands)
      throws IOException {
    List<String> files = files();
    List<StudentOutput.Notice> notices = new ArrayList<>();
    for (String claim : claimedFiles) {
      String normal = Path.of(claim).normalize().toString();
      if (!files.contains(normal) && !Files.exists(work.resolve(normal).normalize())) {
        notices.add(
            new StudentOutput.Notice(
                UNVERIFIED,
                null,
                "The Student's model claims it created "
                    + claim
                    + ", but no such file is in its workspace: the claim is unverified, and the"
                    + " steps that rest on it were not shown to work.",
                null));
      }
    }
    boolean failed = status != StudentStatus.COMPLETED;
    return new StudentOutput(
        status,
        step,
        commands.stream().map(CommandRecord::command).toList(),
        failed ? reason : null,
        null,
        failed ? (reason == null ? "The Student's model gave no reason." : reason) : null,
        said(summary),
        files,
        commands.stream().map(CommandRecord::command).toList(),
        null,
        null,
        commands,
        notices);
  }

  StudentOutput askMentor(
      String question, String problem, String step, int line, List<CommandRecord> commands) {
    TutorialLocation location =
        line >= 1 && line <= tutorial.lines().size()
            ? new TutorialLocation(line, tutorial.line(line).strip(), step)
            : null;
    List<String> files;
    try {
      files = files();
    } catch (IOException e) {
      files = List.of();
    }
    CommandRecord lastFailure =
        commands.stream().filter(c -> c.exitCode() != 0).reduce((a, b) -> b).orElse(null);
    String seen =
        problem != null
            ? problem
            : lastFailure == null
                ? null
                : lastFailure.command() + " failed with exit code " + lastFailure.exitCode();
    return new StudentOutput(
        StudentStatus.ASK_MENTOR,
        step,
        commands.stream().map(CommandRecord::command).toList(),
        seen,
        question,
        null,
        said(null),
        files,
        commands.stream().map(CommandRecord::command).toList(),
        location,
        lastFailure == null
            ? null
            : lastFailure.exitCode() == 127 ? "missing_dependency" : "command_failure",
        commands,
        List.of());
  }

  /** The files in the workspace, relative to it, sorted. */
  List<String> files() throws IOException {
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(work)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> work.relativize(p).toString())
          .filter(p -> !p.startsWith("."))
          .sorted()
          .limit(MAX_FILES)
          .toList();
    }
  }

  private static String said(String summary) {
    return summary == null || summary.isBlank()
        ? "The Student's verdict rests on the commands SMILE ran and the files in its workspace."
        : "The model says: " + summary.strip();
  }
}
