package dev.smileloop.llm.control;

import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what an LLM command-line tool says it did against its workspace, because SMILE did not run
 * its commands. A claimed file that is not in the workspace becomes an {@code unverified_claim}
 * notice; so do the claimed commands of a completed run (the tool ran them itself, outside SMILE's
 * sandbox and records, so nothing confirms them). A run whose success rests on such claims is
 * therefore never reported as "no gaps".
 */
final class ClaimCheck {

  static final String UNVERIFIED = "unverified_claim";

  private ClaimCheck() {}

  static StudentOutput verified(StudentOutput out, Path work) {
    List<StudentOutput.Notice> notices = new ArrayList<>(out.notices());
    List<String> missing = new ArrayList<>();
    for (String claim : out.filesCreated()) {
      if (!exists(work, claim)) {
        missing.add(claim);
      }
    }
    if (!missing.isEmpty()) {
      notices.add(
          new StudentOutput.Notice(
              UNVERIFIED,
              null,
              "The Student's tool claims it created "
                  + String.join(", ", missing)
                  + ", but "
                  + (missing.size() == 1 ? "that file is" : "those files are")
                  + " not in its workspace: unverified.",
              null));
    }
    if (out.status() == StudentStatus.COMPLETED && !out.commandsRun().isEmpty()) {
      notices.add(
          new StudentOutput.Notice(
              UNVERIFIED,
              null,
              "The Student's tool reports "
                  + out.commandsRun().size()
                  + " command(s) it ran itself, outside SMILE's sandbox; SMILE did not see them"
                  + " run, so the completion rests on unverified claims.",
              null));
    }
    if (notices.size() == out.notices().size()) {
      return out;
    }
    return new StudentOutput(
        out.status(),
        out.currentStep(),
        out.attemptedActions(),
        out.problem(),
        out.questionForMentor(),
        out.reason(),
        out.summary(),
        out.filesCreated().stream().filter(f -> !missing.contains(f)).toList(),
        out.commandsRun(),
        out.location(),
        out.trigger(),
        out.commands(),
        notices);
  }

  private static boolean exists(Path work, String claim) {
    try {
      Path file = work.resolve(claim).normalize();
      return file.startsWith(work) && Files.exists(file);
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
