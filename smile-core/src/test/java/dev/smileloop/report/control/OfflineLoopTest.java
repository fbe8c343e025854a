package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.student.BuiltinStudent;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.Report;
import dev.smileloop.sandbox.control.TestSandboxes;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real built-in Student and Mentor in the real, offline sandbox: a download the tutorial needs
 * fails for want of a network, and the report blames the machine, not the author.
 */
class OfflineLoopTest {

  @TempDir Path temp;

  @Test
  void aDownloadInTheOfflineSandboxIsAnEnvironmentFindingThatPreventedValidation()
      throws Exception {
    String markdown =
        "# Fetch a page\n\n## Step 1: Download\n\n```bash\ncurl -sS https://example.com/ -o page.html\n```\n";
    Path file = Files.writeString(temp.resolve("tutorial.md"), markdown);
    Tutorial tutorial = new Tutorial("fetch", file, temp, markdown);
    SmileConfig config = SmileConfig.defaults(temp);
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());

    StudentOutput output =
        student.attempt(new StudentTask("loop", 1, tutorial, config, List.of(), r -> {}));
    Clock clock = Clock.systemUTC();
    LoopState state =
        new LoopState(
            "loop-offline",
            LoopStatus.COMPLETED,
            1,
            10,
            "tutorial.md",
            List.of(),
            List.of(new IterationRecord(1, output, null, clock.instant(), clock.instant())),
            clock.instant(),
            clock.instant(),
            "The Student read on past the step this machine could not run.",
            null);
    Report report =
        new ReportBuilder(new SecretRedactor(Map.of()), Scenarios.TOOL, Scenarios.NO_TOOLS)
            .build(state, tutorial, config, clock);

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertEquals(List.of(), report.gaps(), "the tutorial is not to blame");
    EnvironmentFinding finding = report.environmentFindings().get(0);
    assertEquals(EnvironmentFinding.NETWORK, finding.kind());
    assertEquals(6, finding.line());
    assertTrue(finding.evidence().contains("Could not resolve host"), finding.evidence());
    assertTrue(
        report.summary().environmentPreventedValidation(),
        "a completed run whose download could not run here is not a clean verdict");
  }
}
