package dev.smileloop.learner.student;

import static dev.smileloop.learner.control.LearnerFixtures.behavior;
import static dev.smileloop.learner.control.LearnerFixtures.config;
import static dev.smileloop.learner.control.LearnerFixtures.tutorial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.control.LearnerFixtures;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.Processes;
import dev.smileloop.sandbox.control.TestSandboxes;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinStudentTest {

  @TempDir Path temp;

  private StudentOutput attempt(Tutorial tutorial, StudentBehavior behavior) throws Exception {
    return attempt(tutorial, behavior, List.of(), ContainerSettings.defaults());
  }

  private StudentOutput attempt(Tutorial tutorial, StudentBehavior behavior, List<MentorNote> notes)
      throws Exception {
    return attempt(tutorial, behavior, notes, ContainerSettings.defaults());
  }

  private StudentOutput attempt(
      Tutorial tutorial,
      StudentBehavior behavior,
      List<MentorNote> notes,
      ContainerSettings container)
      throws Exception {
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());
    return student.attempt(
        new StudentTask(
            "loop", 1, tutorial, config(temp, behavior, container), notes, record -> {}));
  }

  private static List<String> run(StudentOutput output) {
    return output.commands().stream().map(CommandRecord::command).toList();
  }

  private static long runs(StudentOutput output, String command) {
    return run(output).stream().filter(command::equals).count();
  }

  private static MentorNote note(int line, String quote, String heading, String answer) {
    return new MentorNote(
        1, "question", answer, Instant.EPOCH, new TutorialLocation(line, quote, heading));
  }

  // ---- clean runs
  // ---------------------------------------------------------------------------------

  @Test
  void aCleanTutorialCompletesWithNoNotices() throws Exception {
    StudentOutput output = attempt(tutorial("clean"), behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertEquals(List.of(), output.notices());
    assertEquals(List.of("words/count.py"), output.filesCreated());
    assertTrue(run(output).contains("python3 count.py input/a.txt"));
    assertFalse(run(output).contains("python3 --version"), "prerequisites are read, not run");
    assertTrue(output.commands().stream().allMatch(c -> c.exitCode() == 0));
    assertTrue(output.summary().contains("Not run"), output.summary());
    assertTrue(output.summary().contains("line 56 (python code"), output.summary());
    CommandRecord count =
        output.commands().stream()
            .filter(c -> c.command().startsWith("python3 count.py"))
            .findFirst()
            .orElseThrow();
    assertEquals("7", count.outputExcerpt());
    assertEquals(45, count.line());
    assertEquals("Step 4: Count", count.step());
  }

  @Test
  void directoryVariablesAndFunctionsCarryOverAndFilesLandInTheCurrentFolder() throws Exception {
    StudentOutput output =
        attempt(
            tutorial("carry-over"),
            behavior(Patience.LOW),
            List.of(),
            new ContainerSettings(true, true, false, false));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertEquals(List.of(), output.notices());
    assertEquals(List.of("site/gen.sh"), output.filesCreated());
    CommandRecord shout =
        output.commands().stream()
            .filter(c -> c.command().equals("shout \"$GREETING\""))
            .findFirst()
            .orElseThrow();
    assertEquals("HELLO", shout.outputExcerpt());
    Path work = temp.resolve("work/loop/iteration-1/work");
    assertEquals("<h1>hello</h1>\n", Files.readString(work.resolve("site/index.html")));
    assertTrue(output.summary().contains("Workspace kept at"), output.summary());
  }

  @Test
  void everyFinishedCommandIsReportedAsProgress() throws Exception {
    List<CommandRecord> progress = new ArrayList<>();
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());

    StudentOutput output =
        student.attempt(
            new StudentTask(
                "loop",
                1,
                tutorial("carry-over"),
                config(temp, behavior(Patience.LOW)),
                List.of(),
                progress::add));

    assertEquals(output.commands(), progress);
    assertEquals(7, progress.size());
  }

  @Test
  void aCompletedWorkspaceIsRemovedAndAFailedOneKept() throws Exception {
    attempt(tutorial("carry-over"), behavior(Patience.LOW));
    assertFalse(Files.exists(temp.resolve("work/loop/iteration-1")));

    StudentOutput failed = attempt(tutorial("command-failure"), behavior(Patience.LOW));
    assertTrue(Files.isDirectory(temp.resolve("work/loop/iteration-1/work")));
    assertTrue(
        failed.summary().contains("Workspace kept at " + temp.resolve("work/loop/iteration-1")),
        failed.summary());
    assertTrue(
        Files.readString(temp.resolve("work/loop/iteration-1/logs/session.log"))
            .contains("$ grep -c"));
  }

  // ---- missing dependency
  // -------------------------------------------------------------------------

  @Test
  void aMissingCommandIsAMissingDependencyAskedAtItsLine() throws Exception {
    StudentOutput output = attempt(tutorial("missing-dependency"), behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("missing_dependency", output.trigger());
    assertEquals(
        new TutorialLocation(
            17, "smile-fixture-tool validate data/values.csv", "Step 2: Validate it"),
        output.location());
    assertEquals("Step 2: Validate it", output.currentStep());
    assertEquals(
        "Step 2 runs `smile-fixture-tool validate data/values.csv` (line 17) and the shell answers"
            + " 'smile-fixture-tool: command not found' (exit 127). What should I do?",
        output.questionForMentor());
    assertEquals("exit code 127: smile-fixture-tool: command not found", output.problem());
    assertEquals(
        1,
        runs(output, "smile-fixture-tool validate data/values.csv"),
        "missing commands are not re-run");
    assertTrue(
        run(output).contains("wc -l < data/values.csv"),
        "even at low patience the learner reads on, so one run reaches every gap");
  }

  @Test
  void withoutAskingOnMissingDependenciesTheLearnerReadsOnAndCannotComplete() throws Exception {
    StudentOutput output =
        attempt(tutorial("missing-dependency"), behavior(Patience.LOW, false, true, true, true));

    assertEquals(StudentStatus.CANNOT_COMPLETE, output.status());
    assertTrue(output.reason().contains("line 17 (missing_dependency)"), output.reason());
    assertTrue(output.reason().contains("askOnMissingDependency"), output.reason());
    assertTrue(run(output).contains("wc -l < data/values.csv"));
    assertEquals("missing_dependency", output.notices().get(0).trigger());
    assertEquals(17, output.location().line());
  }

  @Test
  void highPatienceReadsOnToTheEndBeforeAsking() throws Exception {
    StudentOutput medium = attempt(tutorial("missing-dependency"), behavior(Patience.MEDIUM));
    StudentOutput high = attempt(tutorial("missing-dependency"), behavior(Patience.HIGH));

    assertEquals(StudentStatus.ASK_MENTOR, medium.status());
    assertTrue(run(medium).contains("wc -l < data/values.csv"), "every patience reads on");
    assertEquals(StudentStatus.ASK_MENTOR, high.status());
    assertEquals(17, high.location().line());
    assertTrue(run(high).contains("wc -l < data/values.csv"), "high patience reads on");
    assertTrue(
        high.summary().startsWith("Read on to the end (3 of 3 steps reached)"), high.summary());
    assertTrue(
        medium.summary().contains("the first difficulty I could not get past, line 17 in Step 2"),
        medium.summary());
  }

  @Test
  void highPatienceAsksAboutTheFirstFailureAndNotesTheOthers(@TempDir Path folder)
      throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder,
            "# Two problems\n\n## Step 1\n\n```bash\nsmile-fixture-tool one\n```\n\n## Step 2\n\n```bash\nsmile-other-tool two\n```\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.HIGH));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(6, output.location().line());
    assertEquals(1, output.notices().size());
    assertEquals(12, output.notices().get(0).location().line());
  }

  @Test
  void mediumPatienceUsesPython3WhenPythonIsMissing() throws Exception {
    assumeFalse(ExecutableLookup.sandbox().has("python"), "this machine has a python command");
    StudentOutput low = attempt(tutorial("python-alias"), behavior(Patience.LOW));
    StudentOutput medium = attempt(tutorial("python-alias"), behavior(Patience.MEDIUM));

    assertEquals(StudentStatus.ASK_MENTOR, low.status());
    assertEquals(StudentStatus.COMPLETED, medium.status(), medium.toString());
    Notice notice = medium.notices().get(0);
    assertEquals("missing_dependency", notice.trigger());
    assertTrue(notice.workaround().contains("python3 -c 'print(1 + 2)'"), notice.workaround());
    assertEquals("3", medium.commands().get(medium.commands().size() - 1).outputExcerpt());
  }

  @Test
  void anInstallStepForToolsThatAreThereIsANoticeAndTheLearnerReadsOn() throws Exception {
    StudentOutput output = attempt(tutorial("install-step"), behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    Notice notice = output.notices().get(0);
    assertEquals("missing_dependency", notice.trigger());
    assertEquals(6, notice.location().line());
    assertTrue(notice.workaround().contains("`bash` is installed already"), notice.workaround());
    assertEquals(1, runs(output, "sudo apt-get install -y bash"), "installs are not re-run");
  }

  @Test
  void anInstallStepForToolsThatAreMissingIsAMissingDependency(@TempDir Path folder)
      throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder,
            "# I\n\n## Step 1\n\n```bash\nsudo apt-get install -y bash smile-fixture-pkg\n```\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("missing_dependency", output.trigger());
    assertEquals(6, output.location().line());
    assertTrue(
        output
            .problem()
            .startsWith("cannot install smile-fixture-pkg in the read-only, offline sandbox"),
        output.problem());
    assertTrue(
        output.questionForMentor().contains("but I cannot install smile-fixture-pkg"),
        output.questionForMentor());
  }

  // ---- command failure
  // ----------------------------------------------------------------------------

  @Test
  void aFailingCommandIsRetriedThenAsked() throws Exception {
    StudentOutput output = attempt(tutorial("command-failure"), behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("command_failure", output.trigger());
    assertEquals(
        new TutorialLocation(
            12, "grep -c \"debug=true\" settings.conf", "Step 2: Check that debug is on"),
        output.location());
    assertEquals(3, runs(output, "grep -c \"debug=true\" settings.conf"));
    assertTrue(
        output.questionForMentor().contains("failed 3 times in a row with exit code 1"),
        output.questionForMentor());
  }

  @Test
  void retriesFollowMaxRetriesBeforeHelp() throws Exception {
    StudentOutput output = attempt(tutorial("command-failure"), LearnerFixtures.retries(1));

    assertEquals(1, runs(output, "grep -c \"debug=true\" settings.conf"));
    assertEquals(StudentStatus.ASK_MENTOR, output.status());
  }

  @Test
  void withoutAskingOnCommandFailuresTheResultIsCannotComplete() throws Exception {
    StudentOutput output =
        attempt(tutorial("command-failure"), behavior(Patience.LOW, true, true, false, true));

    assertEquals(StudentStatus.CANNOT_COMPLETE, output.status());
    assertTrue(output.reason().contains("askOnCommandFailure"), output.reason());
    assertEquals("command_failure", output.trigger());
  }

  @Test
  void aCommandThatPassesOnAReRunIsAFlakyNotice() throws Exception {
    StudentOutput output = attempt(tutorial("flaky"), behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status());
    assertEquals(1, output.notices().size());
    Notice notice = output.notices().get(0);
    assertEquals("command_failure", notice.trigger());
    assertEquals(8, notice.location().line());
    assertTrue(notice.workaround().contains("flaky"), notice.workaround());
    assertTrue(notice.problem().contains("cache cold, try again"), notice.problem());
  }

  @Test
  void aScriptThatIsNotExecutableFailsWithPermissionDenied() throws Exception {
    StudentOutput output = attempt(tutorial("permission-denied"), behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("command_failure", output.trigger());
    assertEquals(new TutorialLocation(15, "./hello.sh", "Step 2: Run it"), output.location());
    assertTrue(output.problem().contains("Permission denied"), output.problem());
    assertEquals(126, output.commands().get(0).exitCode());
  }

  @Test
  void patienceDecidesWhetherTheLearnerTriesItsOwnApproach() throws Exception {
    StudentOutput low = attempt(tutorial("permission-denied"), behavior(Patience.LOW));
    StudentOutput medium = attempt(tutorial("permission-denied"), behavior(Patience.MEDIUM));

    assertEquals(StudentStatus.ASK_MENTOR, low.status());
    assertFalse(run(low).contains("bash ./hello.sh"));
    assertEquals(StudentStatus.COMPLETED, medium.status());
    assertTrue(run(medium).contains("bash ./hello.sh"));
    assertTrue(
        medium.notices().get(0).workaround().contains("bash ./hello.sh"),
        medium.notices().toString());
  }

  @Test
  void aMissingFolderIsACommandFailureThatMediumPatienceCreates() throws Exception {
    StudentOutput low = attempt(tutorial("missing-folder"), behavior(Patience.LOW));
    StudentOutput medium = attempt(tutorial("missing-folder"), behavior(Patience.MEDIUM));

    assertEquals(StudentStatus.ASK_MENTOR, low.status());
    assertEquals(
        new TutorialLocation(6, "cd project/src", "Step 1: Enter the source folder"),
        low.location());
    assertTrue(low.problem().contains("No such file or directory"), low.problem());
    assertEquals(StudentStatus.COMPLETED, medium.status());
    assertTrue(
        medium.notices().get(0).workaround().contains("mkdir -p project/src"),
        medium.notices().toString());
    CommandRecord ls = medium.commands().get(medium.commands().size() - 1);
    assertEquals("module.py", ls.outputExcerpt());
  }

  // ---- timeout
  // ------------------------------------------------------------------------------------

  @Test
  void aCommandOverTheTimeLimitIsStoppedAndAsked() throws Exception {
    long start = System.nanoTime();
    StudentOutput output = attempt(tutorial("timeout"), behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("timeout", output.trigger());
    assertEquals(
        new TutorialLocation(12, "tail -f app.log", "Step 2: Watch it"), output.location());
    assertEquals(1, runs(output, "tail -f app.log"), "a timeout is not re-run");
    assertTrue(output.commands().get(1).timedOut());
    assertTrue(run(output).contains("echo done > status.txt"), "it reads on in a fresh shell");
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
  }

  @Test
  void withoutAskingOnTimeoutsTheLearnerGoesOnInAFreshShell() throws Exception {
    StudentOutput output =
        attempt(tutorial("timeout"), behavior(Patience.LOW, true, true, true, false));

    assertEquals(StudentStatus.CANNOT_COMPLETE, output.status());
    assertTrue(output.reason().contains("askOnTimeout"));
    CommandRecord last = output.commands().get(output.commands().size() - 1);
    assertEquals("echo done > status.txt", last.command());
    assertEquals(0, last.exitCode());
  }

  // ---- ambiguous instruction
  // ----------------------------------------------------------------------

  @Test
  void aVagueStepIsAskedAboutAtItsSentence() throws Exception {
    StudentOutput output = attempt(tutorial("vague-step"), behavior(Patience.LOW));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("ambiguous_instruction", output.trigger());
    assertEquals(
        new TutorialLocation(
            14,
            "Prepare the script as needed so you can execute it directly.",
            "Step 2: Prepare the script"),
        output.location());
    assertTrue(
        output.questionForMentor().startsWith("Step 2 says \"Prepare the script as needed"),
        output.questionForMentor());
    assertEquals(List.of("deploy.sh"), output.filesCreated());
    assertTrue(run(output).contains("./deploy.sh staging"), "it reads on past the vague step");
    assertTrue(
        output.notices().stream()
            .anyMatch(n -> n.location().line() == 19 && n.trigger().equals("command_failure")),
        "the failure the vague step causes is reported in the same run");
  }

  @Test
  void withoutAskingOnVagueStepsTheLearnerMeetsTheConsequence() throws Exception {
    StudentOutput output =
        attempt(tutorial("vague-step"), behavior(Patience.LOW, true, false, true, true));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("command_failure", output.trigger());
    assertEquals(19, output.location().line());
    assertEquals("ambiguous_instruction", output.notices().get(0).trigger());
    assertEquals(14, output.notices().get(0).location().line());
  }

  @Test
  void mediumPatienceNotesAVagueStepAndReadsOn() throws Exception {
    StudentOutput output = attempt(tutorial("vague-step"), behavior(Patience.MEDIUM));

    assertEquals(StudentStatus.COMPLETED, output.status());
    assertEquals(
        List.of("ambiguous_instruction", "command_failure"),
        output.notices().stream().map(Notice::trigger).toList());
  }

  // ---- mentor notes
  // -------------------------------------------------------------------------------

  @Test
  void aMentorFixRunsJustBeforeItsLocation() throws Exception {
    MentorNote fix =
        note(
            15,
            "./hello.sh",
            "Step 2: Run it",
            "Make it executable:\n```bash\nchmod +x ./hello.sh\n```\n");

    StudentOutput output =
        attempt(tutorial("permission-denied"), behavior(Patience.LOW), List.of(fix));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertEquals(List.of("chmod +x ./hello.sh", "./hello.sh"), run(output));
    CommandRecord applied = output.commands().get(0);
    assertTrue(applied.fromMentor());
    assertEquals(15, applied.line());
    assertEquals("hello from the script", output.commands().get(1).outputExcerpt());
    assertEquals(List.of(), output.notices());
  }

  @Test
  void aPlaceThatStillFailsAfterItsFixIsAskedAgain() throws Exception {
    MentorNote useless =
        note(15, "./hello.sh", "Step 2: Run it", "Try this:\n```bash\ntrue\n```\n");

    StudentOutput output =
        attempt(tutorial("permission-denied"), behavior(Patience.LOW), List.of(useless));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(15, output.location().line());
    assertTrue(
        output
            .questionForMentor()
            .contains("I applied your fix before line 15 (`true`), but it still fails"),
        output.questionForMentor());
  }

  @Test
  void aNoteWithoutFixAtAVagueStepMeansReadOn() throws Exception {
    MentorNote readOn =
        note(
            14, "Prepare the script ...", "Step 2: Prepare the script", "Nothing to run; read on.");

    StudentOutput output = attempt(tutorial("vague-step"), behavior(Patience.LOW), List.of(readOn));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("command_failure", output.trigger());
    assertEquals(19, output.location().line());
    assertEquals(List.of(), output.notices());
  }

  // ---- other observations
  // -------------------------------------------------------------------------

  @Test
  void aMissingImageIsANotice(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder,
            "# Images\n\n![Architecture](img/arch.png)\n\n## Step\n\n```bash\necho ok\n```\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status());
    Notice notice = output.notices().get(0);
    assertEquals("missing_image", notice.trigger());
    assertEquals(3, notice.location().line());
    assertTrue(notice.problem().contains("img/arch.png"));
  }

  @Test
  void aCommandThatEndsTheShellIsNotedAndTheRestStillRuns(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder, "# Exit\n\n## Step\n\n```bash\nmkdir -p d && cd d\nexit\npwd\n```\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status());
    assertEquals("shell_ended", output.notices().get(0).trigger());
    assertEquals(7, output.notices().get(0).location().line());
    assertEquals("/tmp/smile/work/d", output.commands().get(2).outputExcerpt());
  }

  @Test
  void backgroundProcessesDoNotOutliveTheAttempt(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder, "# Bg\n\n## Step\n\n```bash\nsleep 918.25 &\necho started\n```\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status());
    assertEquals(List.of(), Processes.leftAfterSettling("918.25"));
  }

  @Test
  void anInterruptStopsTheAttemptAndKillsEverything(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder, "# Long\n\n## Step\n\n```bash\nsleep 919.25 & sleep 920.25\n```\n");
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());
    StudentBehavior slow = new StudentBehavior(3, true, true, true, true, 60, Patience.LOW);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<StudentOutput> running =
          caller.submit(
              () ->
                  student.attempt(
                      new StudentTask(
                          "loop", 1, tutorial, config(temp, slow), List.of(), r -> {})));
      Thread.sleep(500);
      running.cancel(true);
      caller.shutdown();
      assertTrue(caller.awaitTermination(3, TimeUnit.SECONDS), "the attempt did not stop promptly");
      assertEquals(List.of(), Processes.leftAfterSettling("919.25"));
      assertEquals(List.of(), Processes.leftAfterSettling("920.25"));
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void theInterruptSurfacesAsInterruptedException(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(folder, "# Long\n\n## Step\n\n```bash\nsleep 30\n```\n");
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());
    StudentBehavior slow = new StudentBehavior(3, true, true, true, true, 60, Patience.LOW);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<Throwable> outcome =
          caller.submit(
              () -> {
                Thread current = Thread.currentThread();
                Executors.newSingleThreadScheduledExecutor()
                    .schedule(current::interrupt, 300, TimeUnit.MILLISECONDS);
                try {
                  student.attempt(
                      new StudentTask("loop", 1, tutorial, config(temp, slow), List.of(), r -> {}));
                  return null;
                } catch (InterruptedException e) {
                  return e;
                }
              });
      Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
      assertNotNull(thrown);
      assertInstanceOf(InterruptedException.class, thrown);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } finally {
      caller.shutdownNow();
    }
  }

  // ---- stated outputs
  // -----------------------------------------------------------------------------

  private static List<Notice> unexpectedOutputs(StudentOutput output) {
    return output.notices().stream().filter(n -> n.trigger().equals("unexpected_output")).toList();
  }

  @Test
  void anOutputTheTutorialStatesWronglyIsANoticeAtItsSentenceAndTheLearnerReadsOn()
      throws Exception {
    StudentOutput output = attempt(tutorial("wrong-output"), behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertNull(output.questionForMentor());
    assertEquals(
        List.of(
            new Notice(
                "unexpected_output",
                new TutorialLocation(18, "It prints `4`.", "Step 2: Count its lines"),
                "The tutorial says this prints `4`, but it printed: `3`",
                null),
            new Notice(
                "unexpected_output",
                new TutorialLocation(
                    35, "The last command prints `first run`.", "Step 4: Say hello twice"),
                "The tutorial says the last command prints `first run`, but it printed:"
                    + " `second run`",
                null)),
        output.notices());
    assertTrue(run(output).contains("seq 1 100000"), "read on to the end");
  }

  @Test
  void aStatedOutputIsFoundInTheWholeOutputNotOnlyItsExcerpt() throws Exception {
    StudentOutput output = attempt(tutorial("wrong-output"), behavior(Patience.LOW));

    CommandRecord seq =
        output.commands().stream()
            .filter(c -> c.command().equals("seq 1 100000"))
            .findFirst()
            .orElseThrow();
    assertFalse(seq.outputExcerpt().contains("\n50000\n"), "the excerpt leaves the middle out");
    assertTrue(
        unexpectedOutputs(output).stream().noneMatch(n -> n.location().line() > 35),
        output.notices().toString());
  }

  @Test
  void noOutputIsComparedAfterAFailedCommand() throws Exception {
    StudentOutput output = attempt(tutorial("command-failure"), behavior(Patience.HIGH));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(List.of(), unexpectedOutputs(output), "It prints `1` after a failing grep");
  }

  @Test
  void correctStatedOutputsRaiseNoNotice(@TempDir Path folder) throws Exception {
    Tutorial tutorial =
        LearnerFixtures.inline(
            folder,
            "# Greet\n\n## Step 1\n\n```bash\ngreet() { echo \"Hello, $1!\"; }\ngreet Ada\n"
                + "printf 'a\\nb\\n' | wc -l\n```\n\nIt prints `Hello, Ada!` and then `2`."
                + " The last command prints `2`.\n\n## Step 2\n\n```console\n$ echo \"  spaced"
                + "    out  \"\n```\n\nYou should see `spaced out`.\n");

    StudentOutput output = attempt(tutorial, behavior(Patience.LOW));

    assertEquals(StudentStatus.COMPLETED, output.status(), output.toString());
    assertEquals(List.of(), output.notices());
  }

  @Test
  void aCompletedOutputCarriesNoQuestion() throws Exception {
    StudentOutput output = attempt(tutorial("clean"), behavior(Patience.HIGH));

    assertNull(output.questionForMentor());
    assertNull(output.trigger());
    assertNull(output.location());
  }
}
