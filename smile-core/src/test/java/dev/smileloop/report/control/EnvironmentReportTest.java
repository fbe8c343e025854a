package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.Report;
import dev.smileloop.tutorial.entity.Tutorial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures this machine caused are reported apart from the gaps, and the manifest's gaps. */
class EnvironmentReportTest {

  @Test
  void anOfflineInstallIsAnEnvironmentFindingNotAGapAndItPreventedValidation() {
    Report report = Scenarios.offline().report();

    assertEquals(List.of(), report.gaps());
    assertEquals(1, report.environmentFindings().size());
    EnvironmentFinding finding = report.environmentFindings().get(0);
    assertEquals(EnvironmentFinding.NETWORK, finding.kind());
    assertEquals(12, finding.line());
    assertEquals("python3 -m pip install requests", finding.quote());
    assertEquals("Step 1: Install the client", finding.step());
    assertTrue(finding.evidence().contains("Temporary failure in name resolution"));
    assertEquals(1, report.summary().environmentFindings());
    assertTrue(report.summary().environmentPreventedValidation());
  }

  @Test
  void aFindingTheStudentReportsIsKeptAndNoGapIsMadeAtItsLine() {
    Scenarios.Scenario blocker = Scenarios.blocker();
    LoopState state = blocker.state();
    List<IterationRecord> history =
        state.history().stream()
            .map(
                r ->
                    new IterationRecord(
                        r.iteration(),
                        withFinding(r.studentOutput()),
                        r.mentorOutput(),
                        r.startedAt(),
                        r.endedAt()))
            .toList();
    LoopState reported =
        new LoopState(
            state.loopId(),
            state.status(),
            state.iteration(),
            state.maxIterations(),
            state.tutorial(),
            state.mentorNotes(),
            history,
            state.startedAt(),
            state.updatedAt(),
            state.reason(),
            null);

    Report report =
        Scenarios.builder().build(reported, blocker.tutorial(), blocker.config(), Scenarios.CLOCK);

    assertEquals(1, report.environmentFindings().size());
    EnvironmentFinding finding = report.environmentFindings().get(0);
    assertEquals(EnvironmentFinding.SANDBOX_LIMIT, finding.kind());
    assertEquals(
        "Create `count.py` so that it prints the number of words in each file.", finding.quote());
    assertTrue(report.gaps().stream().noneMatch(g -> g.location().line() == 25));
    assertTrue(report.summary().environmentPreventedValidation());
  }

  private static StudentOutput withFinding(StudentOutput out) {
    EnvironmentFinding limit =
        new EnvironmentFinding(
            EnvironmentFinding.SANDBOX_LIMIT,
            25,
            null,
            null,
            "python3 count.py notes",
            "killed: memory limit 2 GiB",
            "Raise the limit.");
    return out.toBuilder().environmentFindings(List.of(limit)).build();
  }

  @Test
  void aMissingToolTheTutorialNeverMentionsStaysAGap() {
    Report report = Scenarios.fixedInSecondIteration().report();

    assertEquals(List.of(), report.environmentFindings());
    assertTrue(report.gaps().stream().anyMatch(g -> g.kind() == GapKind.MISSING_DEPENDENCY));
  }

  @Test
  void aMissingToolTheTutorialDeclaresIsThisMachinesLackNotAGap() {
    Scenarios.Scenario fixed = Scenarios.fixedInSecondIteration();
    Tutorial declaring =
        new Tutorial(
            fixed.tutorial().name(),
            fixed.tutorial().path(),
            fixed.tutorial().folder(),
            fixed.tutorial().markdown().replace("- Python 3", "- Python 3\n- `tree`"));

    Report report =
        Scenarios.builder().build(fixed.state(), declaring, fixed.config(), Scenarios.CLOCK);

    assertEquals(
        List.of(EnvironmentFinding.DECLARED_PREREQUISITE),
        report.environmentFindings().stream().map(EnvironmentFinding::kind).toList());
    assertTrue(report.gaps().stream().noneMatch(g -> g.kind() == GapKind.MISSING_DEPENDENCY));
    assertFalse(report.summary().environmentPreventedValidation(), "the loop completed");
  }

  @Test
  void aToolOutsideTheBaselineThatRanIsAMinorMissingPrerequisiteUnlessTheBaselineHasIt() {
    Scenarios.Scenario blocker = Scenarios.blocker();

    Report plain = blocker.report();
    Report relaxed =
        Scenarios.builder()
            .build(
                blocker.state(),
                blocker.tutorial(),
                Scenarios.config(List.of("posix", "tree")),
                Scenarios.CLOCK);

    Gap tree =
        plain.gaps().stream()
            .filter(g -> g.kind() == GapKind.MISSING_PREREQUISITE)
            .findFirst()
            .orElseThrow();
    assertEquals(20, tree.location().line());
    assertTrue(tree.suggestedFix().contains("sudo apt-get install tree"), tree.suggestedFix());
    assertEquals(
        "assumed",
        plain.assumedEnvironment().entries().stream()
            .filter(e -> e.name().equals("tree"))
            .findFirst()
            .orElseThrow()
            .status());
    assertTrue(relaxed.gaps().stream().noneMatch(g -> g.kind() == GapKind.MISSING_PREREQUISITE));
  }

  @Test
  void aMentorsFixAndSmilesOwnFileToolsAreNotTutorialToolsEvenWhenListedAmongTheCommandsRun() {
    Scenarios.Scenario completed = Scenarios.completed();
    LoopState state = completed.state();
    String fix = "jq() { for a in \"$@\"; do continue; done; }";
    List<IterationRecord> history =
        state.history().stream()
            .map(
                r -> {
                  StudentOutput out = r.studentOutput();
                  List<CommandRecord> commands = new ArrayList<>(out.commands());
                  commands.add(new CommandRecord(fix, 0, null, 0, "", 3, false, true));
                  commands.add(
                      new CommandRecord(
                          "write_file notes/a.txt (12 bytes)", 9, null, 0, "", 1, false, false));
                  List<String> run = new ArrayList<>(out.commandsRun());
                  run.add(fix);
                  StudentOutput withFix =
                      out.toBuilder().commands(commands).commandsRun(run).build();
                  return new IterationRecord(
                      r.iteration(), withFix, r.mentorOutput(), r.startedAt(), r.endedAt());
                })
            .toList();
    LoopState withFix =
        new LoopState(
            state.loopId(),
            state.status(),
            state.iteration(),
            state.maxIterations(),
            state.tutorial(),
            state.mentorNotes(),
            history,
            state.startedAt(),
            state.updatedAt(),
            state.reason(),
            null);

    Report report =
        Scenarios.builder()
            .build(withFix, completed.tutorial(), completed.config(), Scenarios.CLOCK);

    assertTrue(
        report.assumedEnvironment().entries().stream()
            .noneMatch(
                e ->
                    e.name().equals("jq")
                        || e.name().equals("continue")
                        || e.name().equals("write_file")),
        report.assumedEnvironment().toString());
    assertTrue(report.gaps().stream().noneMatch(g -> g.kind() == GapKind.MISSING_PREREQUISITE));
  }
}
