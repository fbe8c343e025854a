package dev.smileloop.report.control;

import static dev.smileloop.report.control.Scenarios.STEP2;
import static dev.smileloop.report.control.Scenarios.STEP3;
import static dev.smileloop.report.control.Scenarios.STEP4;
import static dev.smileloop.report.control.Scenarios.at;
import static dev.smileloop.report.control.Scenarios.failed;
import static dev.smileloop.report.control.Scenarios.ok;
import static dev.smileloop.report.control.Scenarios.output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.Recommendation;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.StepResult;
import dev.smileloop.report.entity.TimelineEntry;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportBuilderTest {

  private static Report build(
      LoopStatus status, List<IterationRecord> history, List<MentorNote> notes) {
    LoopState state =
        new LoopState(
            "loop-x",
            status,
            history.size(),
            10,
            "docs/word-count.md",
            notes,
            history,
            at(0),
            at(100),
            null,
            null);
    return Scenarios.builder()
        .build(state, Scenarios.wordCount(), Scenarios.config(), Scenarios.CLOCK);
  }

  private static StudentOutput stuckAtTree(StudentStatus status, String trigger, String problem) {
    return output(
        status,
        STEP2,
        problem,
        status == StudentStatus.ASK_MENTOR ? "How do I list the folder?" : null,
        status == StudentStatus.CANNOT_COMPLETE ? problem : null,
        null,
        new TutorialLocation(20, "tree notes", STEP2),
        trigger,
        List.of(failed("tree notes", 20, STEP2, 127, "tree: command not found", 3)),
        List.of(),
        List.of());
  }

  @Test
  void theSameLineInThreeIterationsIsOneGapWithThreeHistoryEntries() {
    List<IterationRecord> history =
        List.of(
            new IterationRecord(
                1,
                stuckAtTree(StudentStatus.ASK_MENTOR, "missing_dependency", "tree missing"),
                "Install tree.",
                at(1),
                at(10)),
            new IterationRecord(
                2,
                stuckAtTree(StudentStatus.ASK_MENTOR, "repeated_failure", "still missing"),
                "Use find.",
                at(11),
                at(20)),
            new IterationRecord(
                3,
                stuckAtTree(StudentStatus.CANNOT_COMPLETE, "repeated_failure", "giving up"),
                null,
                at(21),
                at(30)));
    Report report = build(LoopStatus.BLOCKER, history, List.of());

    assertEquals(1, report.gaps().size());
    Gap gap = report.gaps().get(0);
    assertEquals(List.of(1, 2, 3), gap.iterations());
    assertEquals(3, gap.history().size());
    assertEquals(
        List.of(
            GapOccurrence.Outcome.ASK_MENTOR,
            GapOccurrence.Outcome.ASK_MENTOR,
            GapOccurrence.Outcome.CANNOT_COMPLETE),
        gap.history().stream().map(GapOccurrence::outcome).toList());
    assertEquals(Severity.CRITICAL, gap.severity(), "the worst outcome decides");
    assertEquals(GapKind.MISSING_DEPENDENCY, gap.kind(), "the first trigger names the gap");
    assertEquals("Install tree.\n\nUse find.", gap.suggestedFix());
    assertEquals("Install tree.", gap.history().get(0).mentorAnswer());
    assertEquals("tree notes", gap.history().get(0).failedCommands().get(0).command());
    assertFalse(gap.resolved());
  }

  @Test
  void askMentorIsMajorCannotCompleteIsCriticalAndRecoveredNoticesAreMinor() {
    Report fixed = Scenarios.fixedInSecondIteration().report();
    assertEquals(
        List.of(Severity.MAJOR, Severity.MINOR), fixed.gaps().stream().map(Gap::severity).toList());
    Report blocker = Scenarios.blocker().report();
    assertEquals(Severity.CRITICAL, blocker.gaps().get(0).severity());
    assertEquals(List.of("G1", "G2"), fixed.gaps().stream().map(Gap::id).toList());
  }

  @ParameterizedTest
  @CsvSource({
    "missing_dependency, MISSING_DEPENDENCY",
    "command_failure, COMMAND_FAILURE",
    "timeout, TIMEOUT",
    "ambiguous_instruction, AMBIGUOUS_INSTRUCTION",
    "repeated_failure, REPEATED_FAILURE",
    "missing_image, MISSING_IMAGE",
    "unexpected_output, UNEXPECTED_OUTPUT",
    "Missing-Dependency, MISSING_DEPENDENCY",
    "something_else, UNCLEAR"
  })
  void theGapKindIsTheStudentsTrigger(String trigger, GapKind kind) {
    Report report =
        build(
            LoopStatus.BLOCKER,
            List.of(
                new IterationRecord(
                    1,
                    stuckAtTree(StudentStatus.CANNOT_COMPLETE, trigger, "stuck"),
                    null,
                    at(1),
                    at(2))),
            List.of());
    assertEquals(kind, report.gaps().get(0).kind());
  }

  @Test
  void anUnexpectedOutputNoticeIsAMinorGapAtTheSentenceThatStatesTheOutput() {
    String sentence = "You should see `notes/a.txt: 3`.";
    String problem =
        "The tutorial says this prints `notes/a.txt: 3`, but it printed: `notes/a.txt: 2`";
    StudentOutput out =
        output(
            StudentStatus.COMPLETED,
            STEP4,
            null,
            null,
            null,
            "Completed all steps.",
            null,
            null,
            List.of(ok("python3 count.py notes", 30, STEP4, "notes/a.txt: 2", 40)),
            List.of(
                new StudentOutput.Notice(
                    "unexpected_output", new TutorialLocation(33, sentence, STEP4), problem, null)),
            List.of());
    Report report =
        build(
            LoopStatus.COMPLETED,
            List.of(new IterationRecord(1, out, null, at(1), at(9))),
            List.of());

    assertEquals(1, report.gaps().size());
    Gap gap = report.gaps().get(0);
    assertEquals(GapKind.UNEXPECTED_OUTPUT, gap.kind());
    assertEquals(Severity.MINOR, gap.severity());
    assertEquals(new TutorialLocation(33, sentence, STEP4), gap.location());
    assertEquals(problem, gap.problem());
    assertEquals("Unexpected output at line 33: " + sentence, gap.title());
    assertEquals(GapOccurrence.Outcome.RECOVERED, gap.history().get(0).outcome());
    assertEquals(
        "Show the output the command really prints here, or fix the command (the tutorial says"
            + " this prints `notes/a.txt: 3`, but it printed: `notes/a.txt: 2`).",
        gap.suggestedFix());
    assertTrue(report.recommendations().get(0).text().startsWith("Line 33 (Step 4: Run it): show"));
    Validators.assertValidReportJson(new ReportRenderer().json(report));
  }

  @Test
  void aGapFixedByTheMentorCarriesTheFixCommandsAndIsResolved() {
    Gap tree = Scenarios.fixedInSecondIteration().report().gaps().get(0);
    assertEquals(List.of("find notes"), tree.fixCommands());
    assertEquals(Scenarios.TREE_ANSWER, tree.suggestedFix());
    assertTrue(tree.resolved());
    assertEquals(new TutorialLocation(20, "tree notes", STEP2), tree.location());
  }

  @Test
  void aFixInAnEarlierStepThatTheMentorNamedIsTheFixOfTheGapItAnswered() {
    String markdown =
        "# Greet\n\n## Step 1: Write it\n\n```bash\nprintf 'echo hi' > greet.sh\n```\n\n## Step 2: Make it runnable\n\n"
            + "Adjust the file as needed.\n\n## Step 3: Run it\n\n```bash\n./greet.sh\n```\n";
    var tutorial = new dev.smileloop.tutorial.entity.Tutorial("greet", null, null, markdown);
    String step3 = "Step 3: Run it";
    StudentOutput first =
        output(
            StudentStatus.ASK_MENTOR,
            step3,
            "Permission denied",
            "Why can't I run it?",
            null,
            null,
            null,
            "command_failure",
            List.of(
                ok("printf 'echo hi' > greet.sh", 6, "Step 1: Write it", "", 2),
                failed("./greet.sh", 16, step3, 126, "bash: ./greet.sh: Permission denied", 1)),
            List.of(),
            List.of("greet.sh"));
    String answer =
        "Nothing made the script executable. Run\n  chmod +x greet.sh\nin step 2, then run it again.";
    StudentOutput second =
        output(
            StudentStatus.COMPLETED,
            step3,
            null,
            null,
            null,
            "done",
            null,
            null,
            List.of(
                ok("printf 'echo hi' > greet.sh", 6, "Step 1: Write it", "", 2),
                Scenarios.mentorFix("chmod +x greet.sh", "Step 2: Make it runnable", "", 1),
                Scenarios.mentorFix("ls", "Step 2: Make it runnable", "greet.sh", 1),
                ok("./greet.sh", 16, step3, "hi", 1)),
            List.of(),
            List.of());
    LoopState state =
        new LoopState(
            "g",
            LoopStatus.COMPLETED,
            2,
            10,
            "greet.md",
            List.of(new MentorNote(1, "Why can't I run it?", answer, at(3), null)),
            List.of(
                new IterationRecord(1, first, answer, at(1), at(4)),
                new IterationRecord(2, second, null, at(5), at(8))),
            at(0),
            at(9),
            null,
            null);
    Gap gap = Scenarios.builder().build(state, tutorial, null, Scenarios.CLOCK).gaps().get(0);
    assertEquals(16, gap.location().line());
    assertEquals(List.of("chmod +x greet.sh"), gap.fixCommands());
    assertTrue(gap.resolved());
  }

  @Test
  void aMentorCommandInAnIterationThatGotStuckAgainIsNotAFix() {
    Gap vague = Scenarios.blocker().report().gaps().get(0);
    assertTrue(vague.fixCommands().isEmpty());
    assertEquals(List.of(1, 2), vague.iterations());
  }

  @Test
  void aLocationWithOnlyALineGetsItsQuoteAndHeadingFromTheTutorial() {
    Gap vague = Scenarios.blocker().report().gaps().get(0);
    assertEquals(new TutorialLocation(25, Scenarios.COUNT_PY, STEP3), vague.location());
  }

  @Test
  void withoutALocationTheLineOfTheFailingCommandIsUsed() {
    Gap hang = Scenarios.timeout().report().gaps().get(0);
    assertEquals(30, hang.location().line());
    assertEquals("python3 count.py notes", hang.location().quote());
    assertEquals(GapKind.TIMEOUT, hang.kind());
  }

  @Test
  void anExternalAgentsCommandTextIsFoundInTheTutorial() {
    // Contract-only output, as an LLM or external wrapper sends it: no line anywhere.
    StudentOutput external =
        new StudentOutput(
            StudentStatus.ASK_MENTOR,
            "Inspecting the folder",
            List.of("ran it twice"),
            "tree: command not found",
            "Is tree required?",
            null,
            null,
            List.of(),
            List.of("mkdir -p notes", "tree notes"),
            null,
            null,
            List.of(),
            List.of());
    Report report =
        build(
            LoopStatus.MAX_ITERATIONS,
            List.of(new IterationRecord(1, external, null, at(1), at(2))),
            List.of());
    Gap gap = report.gaps().get(0);
    assertEquals(20, gap.location().line());
    assertEquals("tree notes", gap.location().quote());
    assertEquals(STEP2, gap.location().heading());
    assertEquals(
        GapKind.COMMAND_FAILURE,
        gap.kind(),
        "a stated problem after running commands, whatever its wording");
  }

  @Test
  void anExternalReportsGapKindDoesNotDependOnItsWording() {
    List<GapKind> kinds = new ArrayList<>();
    for (String problem :
        List.of("tree: command not found", "tree is not installed", "Command 'tree' not found")) {
      StudentOutput external =
          new StudentOutput(
              StudentStatus.ASK_MENTOR,
              "Inspecting the folder",
              List.of(),
              problem,
              "Is tree required?",
              null,
              null,
              List.of(),
              List.of("tree notes"),
              null,
              null,
              List.of(),
              List.of());
      kinds.add(
          build(
                  LoopStatus.MAX_ITERATIONS,
                  List.of(new IterationRecord(1, external, null, at(1), at(2))),
                  List.of())
              .gaps()
              .get(0)
              .kind());
    }
    assertEquals(
        List.of(GapKind.COMMAND_FAILURE, GapKind.COMMAND_FAILURE, GapKind.COMMAND_FAILURE), kinds);
  }

  @Test
  void anExternalAgentsCurrentStepFindsItsHeading() {
    StudentOutput external =
        StudentOutput.of(
            StudentStatus.CANNOT_COMPLETE,
            "Step 3: Write the counter",
            "No code given",
            null,
            "unclear",
            null);
    Report report =
        build(
            LoopStatus.BLOCKER,
            List.of(new IterationRecord(1, external, null, at(1), at(2))),
            List.of());
    assertEquals(23, report.gaps().get(0).location().line());
  }

  @Test
  void aProblemNobodyCanPlaceIsLineZeroAndUnknown() {
    StudentOutput lost =
        StudentOutput.of(
            StudentStatus.ASK_MENTOR, null, "Something odd happened", "Help?", null, null);
    Report report =
        build(
            LoopStatus.MAX_ITERATIONS,
            List.of(new IterationRecord(1, lost, null, at(1), at(2))),
            List.of());
    Gap gap = report.gaps().get(0);
    assertEquals(0, gap.location().line());
    assertEquals("", gap.location().quote());
    assertFalse(gap.hasLine());
    assertEquals(GapKind.UNCLEAR, gap.kind());
    assertTrue(
        report.recommendations().get(0).text().startsWith("Unknown line: clarify this step"));
    assertTrue(
        report.steps().stream()
            .anyMatch(
                s ->
                    s.heading().equals(StepAnalysis.UNKNOWN_STEP)
                        && s.outcome() == StepResult.Outcome.FAILED));
  }

  @Test
  void recommendationsPutCriticalFirstThenMajorThenMinorAndNameTheLine() {
    TutorialLocation vague = new TutorialLocation(25, "", null);
    List<IterationRecord> history =
        List.of(
            new IterationRecord(
                1,
                stuckAtTree(
                    StudentStatus.ASK_MENTOR, "missing_dependency", "tree: command not found"),
                "Use find notes.",
                at(1),
                at(10)),
            new IterationRecord(
                2,
                output(
                    StudentStatus.CANNOT_COMPLETE,
                    STEP3,
                    null,
                    null,
                    "No code for count.py",
                    null,
                    vague,
                    "ambiguous_instruction",
                    List.of(ok("find notes", 0, STEP2, "", 2)),
                    List.of(
                        new StudentOutput.Notice(
                            "command_failure",
                            new TutorialLocation(14, "", null),
                            "printf needed quoting",
                            "quoted it")),
                    List.of()),
                null,
                at(11),
                at(20)));
    Report report = build(LoopStatus.BLOCKER, history, List.of());
    List<Recommendation> recommendations = report.recommendations();
    assertEquals(
        List.of(Severity.CRITICAL, Severity.MAJOR, Severity.MINOR),
        recommendations.stream().map(Recommendation::severity).toList());
    assertEquals(List.of(1, 2, 3), recommendations.stream().map(Recommendation::priority).toList());
    assertEquals(List.of(25, 20, 14), recommendations.stream().map(Recommendation::line).toList());
    assertTrue(
        recommendations
            .get(1)
            .text()
            .startsWith(
                "Line 20 (Step 2: Inspect the folder): list `tree` under Prerequisites, with how to install it"),
        recommendations.get(1).text());
    assertTrue(
        recommendations
            .get(0)
            .text()
            .startsWith("Line 25 (Step 3: Write the counter): rewrite \"Create `count.py` so that"),
        recommendations.get(0).text());
    assertTrue(recommendations.get(2).text().contains("A learner got past it alone: quoted it."));
  }

  @Test
  void theTimelineIsChronologicalAndCoversEveryIteration() {
    Report report = Scenarios.fixedInSecondIteration().report();
    List<TimelineEntry> timeline = report.timeline();
    for (int i = 1; i < timeline.size(); i++) {
      assertFalse(
          timeline.get(i).timestamp().isBefore(timeline.get(i - 1).timestamp()), "entry " + i);
    }
    assertEquals(
        List.of(
            TimelineEntry.Event.LOOP_STARTED,
            TimelineEntry.Event.ITERATION_STARTED,
            TimelineEntry.Event.STUDENT_REPORTED,
            TimelineEntry.Event.MENTOR_ANSWERED,
            TimelineEntry.Event.ITERATION_STARTED,
            TimelineEntry.Event.STUDENT_REPORTED,
            TimelineEntry.Event.LOOP_ENDED),
        timeline.stream().map(TimelineEntry::event).toList());
    assertEquals(at(18), timeline.get(3).timestamp(), "the Mentor's note time");
  }

  @Test
  void theAuditHasEveryCommandWithExitCodeAndDurationAndEveryFile() {
    Report report = Scenarios.fixedInSecondIteration().report();
    List<CommandAudit> commands = report.audit().commands();
    assertEquals(8, commands.size());
    assertEquals(
        List.of(1, 2, 3, 4, 5, 6, 7, 8), commands.stream().map(CommandAudit::sequence).toList());
    CommandAudit tree = commands.get(2);
    assertEquals("tree notes", tree.command());
    assertEquals(127, tree.exitCode());
    assertEquals(4L, tree.durationMillis());
    assertEquals(
        at(1).plusMillis(8), tree.startedAt(), "iteration start plus the commands before it");
    assertTrue(commands.get(5).fromMentor());
    assertEquals(
        List.of("notes/a.txt", "notes/a.txt", "count.py"),
        report.audit().files().stream().map(f -> f.path()).toList());
    assertTrue(report.audit().llmCalls().isEmpty());
    assertEquals(2, report.audit().iterations().size());
    assertEquals("ask_mentor", report.audit().iterations().get(0).studentStatus());
    assertEquals(20, report.audit().iterations().get(0).line());
  }

  @Test
  void commandsAnAgentOnlyListedAreAuditedWithoutExitCodes() {
    StudentOutput external =
        new StudentOutput(
            StudentStatus.COMPLETED,
            null,
            List.of(),
            null,
            null,
            null,
            "done",
            List.of("x.txt"),
            List.of("mkdir -p notes", "tree notes"),
            null,
            null,
            List.of(),
            List.of());
    Report report =
        build(
            LoopStatus.COMPLETED,
            List.of(new IterationRecord(1, external, null, at(1), at(5))),
            List.of());
    List<CommandAudit> commands = report.audit().commands();
    assertEquals(
        List.of("mkdir -p notes", "tree notes"),
        commands.stream().map(CommandAudit::command).toList());
    assertNull(commands.get(1).exitCode());
    assertNull(commands.get(1).durationMillis());
    assertEquals(20, commands.get(1).line());
    assertEquals(STEP2, commands.get(1).step());
  }

  @Test
  void theSummaryHasStatusIterationsDurationAndTheTutorialRelativeToTheConfiguration() {
    Report report = Scenarios.blocker().report();
    assertEquals(LoopStatus.BLOCKER, report.summary().status());
    assertEquals(2, report.summary().iterations());
    assertEquals(61_000, report.summary().durationMillis());
    assertEquals("docs/word-count.md", report.summary().tutorialPath());
    assertEquals("docs/word-count.md", report.summary().tutorialUri());
    assertEquals("The Mentor found the blocker unresolvable.", report.summary().reason());
    assertEquals(Scenarios.CLOCK.instant(), report.generatedAt());
    assertEquals(
        "docs/special%20chars.md", Scenarios.specialCharacters().report().summary().tutorialUri());
  }

  @Test
  void aTutorialOutsideTheConfigurationFolderIsAddressedByItsFileName() {
    Scenarios.Scenario blocker = Scenarios.blocker();
    var elsewhere =
        new dev.smileloop.tutorial.entity.Tutorial(
            "word-count",
            java.nio.file.Path.of("/elsewhere/guides/word count.md"),
            null,
            blocker.tutorial().markdown());
    Report report =
        Scenarios.builder().build(blocker.state(), elsewhere, blocker.config(), Scenarios.CLOCK);
    assertEquals("/elsewhere/guides/word count.md", report.summary().tutorialPath());
    assertEquals("word%20count.md", report.summary().tutorialUri());
  }

  @Test
  void stepsAreTheHeadingsMetPassedFailedOrSkipped() {
    List<StepResult> steps = Scenarios.blocker().report().steps();
    assertEquals(
        List.of(
            "Prerequisites",
            "Step 1: Create the notes",
            "Step 2: Inspect the folder",
            "Step 3: Write the counter",
            "Step 4: Run it",
            "Next steps"),
        steps.stream().map(StepResult::heading).toList());
    assertEquals(
        List.of(
            StepResult.Outcome.PASSED,
            StepResult.Outcome.PASSED,
            StepResult.Outcome.PASSED,
            StepResult.Outcome.FAILED,
            StepResult.Outcome.SKIPPED,
            StepResult.Outcome.SKIPPED),
        steps.stream().map(StepResult::outcome).toList());
    assertEquals(10, steps.get(1).line());
    assertEquals(
        List.of(17, 23, 27, 35), steps.subList(2, 6).stream().map(StepResult::line).toList());
    assertEquals(List.of("G1"), steps.get(3).gapIds());
    // A completed loop lists only the steps it met: nothing is skipped.
    assertTrue(
        Scenarios.completed().report().steps().stream()
            .noneMatch(s -> s.outcome() == StepResult.Outcome.SKIPPED));
  }

  @Test
  void aLoopThatErredBeforeAnyReportIsOneErrorAndEverythingElseSkipped() {
    LoopState state =
        new LoopState(
            "loop-e",
            LoopStatus.ERROR,
            1,
            10,
            "docs/word-count.md",
            List.of(),
            List.of(new IterationRecord(1, null, null, at(1), null)),
            at(0),
            at(3),
            "The student agent crashed",
            null);
    Report report =
        Scenarios.builder()
            .build(state, Scenarios.wordCount(), Scenarios.config(), Scenarios.CLOCK);
    assertTrue(report.gaps().isEmpty());
    StepResult loop =
        report.steps().stream()
            .filter(s -> s.outcome() == StepResult.Outcome.ERROR)
            .findFirst()
            .orElseThrow();
    assertEquals(StepAnalysis.LOOP_STEP, loop.heading());
    assertTrue(
        loop.message().contains("error") && loop.message().contains("The student agent crashed"));
    assertEquals(
        6,
        report.steps().stream().filter(s -> s.outcome() == StepResult.Outcome.SKIPPED).count(),
        "Prerequisites, four steps and Next steps were never reached");
  }

  @Test
  void aTimeoutOnAStepWithoutAGapIsAnErrorOnThatStep() {
    StudentOutput partial =
        output(
            StudentStatus.COMPLETED,
            STEP3,
            null,
            null,
            null,
            "partial",
            null,
            null,
            List.of(
                ok("mkdir -p notes", 13, Scenarios.STEP1, "", 1),
                ok("tree notes", 20, STEP2, "", 1)),
            List.of(),
            List.of());
    LoopState state =
        new LoopState(
            "loop-t",
            LoopStatus.TIMEOUT,
            1,
            10,
            "docs/word-count.md",
            List.of(),
            List.of(new IterationRecord(1, partial, null, at(1), at(60))),
            at(0),
            at(61),
            "global timeout",
            null);
    Report report =
        Scenarios.builder()
            .build(state, Scenarios.wordCount(), Scenarios.config(), Scenarios.CLOCK);
    StepResult step2 =
        report.steps().stream().filter(s -> s.heading().equals(STEP2)).findFirst().orElseThrow();
    assertEquals(StepResult.Outcome.ERROR, step2.outcome());
  }

  @Test
  void aNullTutorialAndConfigurationStillGiveAReport() {
    Scenarios.Scenario stopped = Scenarios.stopped();
    Report report = Scenarios.builder().build(stopped.state(), null, null, Scenarios.CLOCK);
    assertEquals("docs/word-count.md", report.summary().tutorialPath());
    assertEquals(
        20, report.gaps().get(0).location().line(), "the learner's own location still counts");
    Validators.assertValidReportJson(new ReportRenderer().json(report));
    Validators.assertValidSarif(new ReportRenderer().sarif(report));
    Validators.assertValidJunit(new ReportRenderer().junitXml(report));
  }

  @Test
  void llmCallsOfTheLoopReachTheAuditTrailAndTheJson() {
    var call =
        new dev.smileloop.report.entity.LlmCall(1, "student", "claude", null, at(1), 4200, "ok");
    var report =
        Scenarios.builder()
            .build(
                Scenarios.completed().state(),
                Scenarios.wordCount(),
                Scenarios.config(),
                Scenarios.CLOCK,
                List.of(call));
    assertEquals(List.of(call), report.audit().llmCalls());
    assertTrue(new ReportRenderer().json(report).contains("\"provider\": \"claude\""));
  }

  @Test
  void modelCallsCarryTokensRetriesRawOutputMaskedAndTheRealReportTime() {
    var ended = at(1).plusSeconds(7);
    var call =
        new dev.smileloop.report.entity.LlmCall(
            1,
            "student",
            "openai",
            "gpt-4o-mini",
            at(1),
            7000,
            "repaired",
            ended,
            901,
            31,
            "api",
            2,
            "tool_execution",
            "tool_calls",
            "export OPENAI_API_KEY=sk-abcdefghijklmnopqrstuvwxyz123456",
            List.of("run_command {\"command\":\"ls\"}"),
            null);
    var report =
        Scenarios.builder()
            .build(
                Scenarios.completed().state(),
                Scenarios.wordCount(),
                Scenarios.config(),
                Scenarios.CLOCK,
                List.of(call));
    String json = new ReportRenderer().json(report);
    Validators.assertValidReportJson(json);
    assertTrue(json.contains("\"promptTokens\": 901"), json);
    assertTrue(json.contains("\"retries\": 2"), json);
    assertTrue(json.contains("\"toolCalls\": ["), json);
    assertFalse(json.contains("sk-abcdefghijklmnopqrstuvwxyz123456"), "the key is masked");
    assertEquals(ended, report.audit().iterations().get(0).reportedAt(), "the call's real end");
    String markdown = new ReportRenderer().markdown(report);
    assertTrue(markdown.contains("| 901 / 31 | 2 |"), markdown);
    assertTrue(markdown.contains("tool\\_execution"), markdown);
  }
}
