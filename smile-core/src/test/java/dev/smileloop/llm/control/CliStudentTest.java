package dev.smileloop.llm.control;

import static dev.smileloop.llm.control.FakeCli.behavior;
import static dev.smileloop.llm.control.FakeCli.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.StudentOutputParser;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.ModelSettings;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliStudentTest {

  private static final String TUTORIAL =
      """
      # Word counter

      ## Install

      ```bash
      pip install wordz
      ```

      ## Run

      Configure it as needed, then run `wordz README.md`.
      """;

  private static final String ASK_JSON =
      """
      {"status": "ask_mentor", "currentStep": "Install", "attemptedActions": ["ran pip install wordz"],
       "problem": "pip: command not found", "questionForMentor": "How do I get pip?",
       "summary": "stopped at the install", "filesCreated": [], "commandsRun": ["pip install wordz"],
       "location": {"line": 6, "heading": "Install"}, "trigger": "missing_dependency"}""";

  @TempDir Path temp;

  private FakeCli cli;
  private Path tutorialFolder;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @BeforeEach
  void setUp() throws Exception {
    cli = new FakeCli(temp);
    tutorialFolder = Files.createDirectories(temp.resolve("tutorial"));
    Files.writeString(tutorialFolder.resolve("tutorial.md"), TUTORIAL);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private Tutorial tutorial() {
    return new Tutorial(
        "tutorial.md", tutorialFolder.resolve("tutorial.md"), tutorialFolder, TUTORIAL);
  }

  private StudentTask task(int iteration, StudentBehavior behavior, List<MentorNote> notes) {
    return new StudentTask(
        "loop-1",
        iteration,
        tutorial(),
        config(temp, LlmProvider.CLAUDE, behavior),
        notes,
        c -> {});
  }

  private CliStudent student(LlmProvider provider, LlmCallLog log) {
    return new CliStudent(cli.invoker(provider, log), cli.workRoot);
  }

  // ---- prompt and invocation ---------------------------------------------------------------

  @Test
  void promptArrivesOnStdinWithTheNumberedTutorialAndEveryMentorNote() throws Exception {
    cli.installReplying("claude");
    cli.reply(ASK_JSON);
    List<MentorNote> notes =
        List.of(
            new MentorNote(
                1,
                "Which package manager?",
                "Use pip3: run `pip3 install wordz`.",
                Instant.EPOCH,
                new TutorialLocation(6, "pip install wordz", "Install")),
            new MentorNote(
                2,
                "What does 'as needed' mean?",
                "Set WORDZ_LANG=en before running.",
                Instant.EPOCH,
                null));
    StudentBehavior behavior = new StudentBehavior(4, false, true, true, true, 30, Patience.MEDIUM);

    student(LlmProvider.CLAUDE, new LlmCallLog()).attempt(task(3, behavior, notes));

    String prompt = cli.stdin("claude", 1);
    assertTrue(prompt.contains(" 1 | # Word counter\n"), prompt);
    assertTrue(prompt.contains(" 6 | pip install wordz\n"), prompt);
    assertTrue(prompt.contains("11 | Configure it as needed, then run `wordz README.md`."), prompt);
    assertTrue(
        prompt.contains(
            "Note from iteration 1 (asked at line 6: \"pip install wordz\", under \"Install\")"),
        prompt);
    assertTrue(prompt.contains("Question: Which package manager?"), prompt);
    assertTrue(prompt.contains("Use pip3: run `pip3 install wordz`."), prompt);
    assertTrue(
        prompt.contains("Note from iteration 2\nQuestion: What does 'as needed' mean?"), prompt);
    assertTrue(prompt.contains("Set WORDZ_LANG=en before running."), prompt);
    // The configured behaviour: a switched-off trigger, the retries, the patience, the time limit.
    assertTrue(prompt.contains("A missing command or package: do not ask about it."), prompt);
    assertTrue(prompt.contains("when it has failed 4 times in a row, ask"), prompt);
    assertTrue(prompt.contains("Your patience is medium"), prompt);
    assertTrue(prompt.contains("at most 30 seconds"), prompt);
    // The contract, with the extension fields.
    for (String field :
        List.of(
            "\"questionForMentor\"", "cannot_complete", "\"location\": {\"line\"", "\"trigger\"")) {
      assertTrue(prompt.contains(field), field);
    }
    assertTrue(prompt.contains(tutorialFolder.toString()), "the tutorial's folder is named");
    assertFalse(prompt.contains("{{"), "every placeholder is filled");
  }

  @Test
  void theToolRunsInAFreshEmptyWorkspaceWithTheStudentsCommandLine() throws Exception {
    cli.installReplying("claude");
    cli.reply(ASK_JSON);
    Path earlier = Files.createDirectories(cli.workRoot.resolve("loop-1/iteration-1/work"));
    Files.writeString(earlier.resolve("left-over.txt"), "from iteration 1");

    student(LlmProvider.CLAUDE, new LlmCallLog()).attempt(task(2, behavior(30), List.of()));

    assertEquals(
        cli.workRoot.resolve("loop-1/iteration-2/work").toAbsolutePath(), cli.pwd("claude", 1));
    assertEquals(0, cli.entries("claude", 1), "nothing copied into the workspace");
    assertFalse(Files.exists(earlier), "earlier iterations' folders are removed");
    assertEquals(
        List.of("-p", "--output-format", "text", "--dangerously-skip-permissions"),
        cli.argv("claude", 1));
  }

  // ---- output recovery ---------------------------------------------------------------------

  @Test
  void messyOutputWithProseAndAFencedJsonBlockIsRecovered() throws Exception {
    cli.installReplying("claude");
    cli.reply(
        "I followed the tutorial. Here is my report:\n\n```json\n"
            + ASK_JSON
            + "\n```\n\nLet me know!\n");
    LlmCallLog log = new LlmCallLog();

    StudentOutput output =
        student(LlmProvider.CLAUDE, log).attempt(task(1, behavior(30), List.of()));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("How do I get pip?", output.questionForMentor());
    assertEquals("missing_dependency", output.trigger());
    assertEquals(
        new TutorialLocation(6, "pip install wordz", "Install"),
        output.location(),
        "quote filled from line 6");
    LlmCall call = log.calls().get(0);
    assertEquals(StudentOutputParser.FENCED, call.parseStrategy());
    assertTrue(call.output().startsWith("I followed the tutorial."), "the raw output is kept");
    assertEquals(LlmCall.Outcome.OK, call.outcome());
    assertEquals(0, call.exitCode());
    assertEquals(LlmRole.STUDENT, call.role());
    assertEquals("claude", call.provider());
    assertEquals(1, call.iteration());
    assertTrue(call.promptChars() > TUTORIAL.length());
    assertEquals(call.output().length(), call.outputChars());
  }

  @Test
  void snakeCaseFieldsAreAccepted() throws Exception {
    cli.installReplying("codex", "touch notes.txt\n");
    cli.reply(
        """
        {"status": "cannot_complete", "current_step": "Run", "attempted_actions": ["read the step"],
         "problem": "no value given", "reason": "the tutorial never says what to configure",
         "files_created": ["notes.txt"], "commands_run": ["wordz README.md"], "trigger": "ambiguous_instruction",
         "location": {"line": 11, "quote": "Configure it as needed", "heading": "Run"}}
        """);

    StudentOutput output =
        student(LlmProvider.CODEX, new LlmCallLog()).attempt(task(1, behavior(30), List.of()));

    assertEquals(StudentStatus.CANNOT_COMPLETE, output.status());
    assertEquals("Run", output.currentStep());
    assertEquals("the tutorial never says what to configure", output.reason());
    assertEquals(List.of("wordz README.md"), output.commandsRun());
    assertEquals(List.of("notes.txt"), output.filesCreated());
    assertEquals(11, output.location().line());
    assertEquals(
        List.of("exec", "--skip-git-repo-check", "--sandbox", "workspace-write", "-"),
        cli.argv("codex", 1));
  }

  @Test
  void unparseableOutputIsReaskedOnceThenAnAgentErrorWithTheRawOutputKept() throws Exception {
    cli.installReplying("gemini");
    cli.reply("I am sorry, I could not do that.\n");
    LlmCallLog log = new LlmCallLog();

    AgentException e =
        assertThrows(
            AgentException.class,
            () -> student(LlmProvider.GEMINI, log).attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.AGENT_FAULT, e.kind());
    assertTrue(e.getMessage().contains("I am sorry"), e.getMessage());
    assertEquals(2, log.calls().size(), "asked, then re-asked once");
    assertEquals(StudentOutputParser.UNPARSEABLE, log.calls().get(1).parseStrategy());
    assertEquals(LlmCall.Outcome.UNPARSEABLE, log.calls().get(1).outcome());
    assertEquals("I am sorry, I could not do that.\n", log.calls().get(0).output());
    assertTrue(cli.stdin("gemini", 2).contains("Your previous answer could not be read"));
  }

  @Test
  void echoedTemplateIsReaskedAndAGoodSecondAnswerIsUsed() throws Exception {
    cli.installReplying("gemini");
    cli.reply(1, "{\"status\": \"completed\" or \"ask_mentor\" or \"cannot_complete\"}");
    cli.reply(2, "{\"status\": \"cannot_complete\", \"reason\": \"no network\"}");
    LlmCallLog log = new LlmCallLog();

    StudentOutput output =
        student(LlmProvider.GEMINI, log).attempt(task(1, behavior(30), List.of()));

    assertEquals(StudentStatus.CANNOT_COMPLETE, output.status());
    assertEquals("no network", output.reason());
  }

  @Test
  void claimedFilesThatAreNotInTheWorkspaceAreUnverified() throws Exception {
    cli.installReplying("gemini");
    cli.reply(
        "{\"status\": \"completed\", \"filesCreated\": [\"notes-app/notes.sh\"],"
            + " \"commandsRun\": [\"bash notes-app/notes.sh\"]}");

    StudentOutput output =
        student(LlmProvider.GEMINI, new LlmCallLog()).attempt(task(1, behavior(30), List.of()));

    assertEquals(List.of(), output.filesCreated());
    assertEquals(2, output.notices().size());
    assertTrue(output.notices().stream().allMatch(n -> n.trigger().equals("unverified_claim")));
    assertTrue(output.notices().get(0).problem().contains("notes-app/notes.sh"));
  }

  @Test
  void withAContextSizeOlderNotesAreCutWithAMarkerAndTheNewestKeptWhole() throws Exception {
    cli.installReplying("claude");
    cli.reply("{\"status\": \"cannot_complete\", \"reason\": \"stuck\"}");
    String longAnswer = "Run the setup first. ".repeat(400);
    List<MentorNote> notes =
        List.of(
            new MentorNote(1, "first?", longAnswer, Instant.parse("2026-11-26T12:00:00Z"), null),
            new MentorNote(2, "second?", longAnswer, Instant.parse("2026-11-26T12:01:00Z"), null),
            new MentorNote(
                3, "third?", "The newest note.", Instant.parse("2026-11-26T12:02:00Z"), null));

    student(LlmProvider.CLAUDE, new LlmCallLog())
        .attempt(withContext(task(4, behavior(30), notes), 6000));

    String prompt = cli.stdin("claude", 1);
    assertTrue(prompt.contains("[… cut to fit the model's context …]"), "older notes cut, marked");
    assertTrue(prompt.contains("The newest note."), "the newest note is whole");
    assertTrue(
        prompt.contains("Configure it as needed, then run `wordz README.md`."), "tutorial whole");
  }

  @Test
  void withAContextSizeAPromptThatCannotFitIsAClearErrorNotASilentCut() throws Exception {
    cli.installReplying("claude");
    cli.reply("{\"status\": \"completed\"}");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(withContext(task(1, behavior(30), List.of()), 1024)));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("model.contextSize 1024"), e.getMessage());
  }

  private static StudentTask withContext(StudentTask task, int contextSize) {
    SmileConfig c = task.config();
    SmileConfig sized =
        c.toBuilder()
            .model(new ModelSettings(null, null, null, null, 256, contextSize, null, null, null))
            .build();
    return new StudentTask(
        task.loopId(),
        task.iteration(),
        task.tutorial(),
        sized,
        task.mentorNotes(),
        task.progress());
  }

  // ---- failures ----------------------------------------------------------------------------

  @Test
  void aMissingToolIsFatalAndNamesIt() {
    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(
        e.getMessage().contains("llmProvider \"claude\" needs the `claude` command-line tool"),
        e.getMessage());
    assertTrue(e.getMessage().contains("not on PATH (" + cli.bin), e.getMessage());
    assertTrue(e.getMessage().contains("\"llmProvider\": \"builtin\""), e.getMessage());
  }

  @Test
  void aToolStillRunningAfterTheTimeoutIsAStepTimeoutAndLeavesNoProcess() throws Exception {
    Path pids = temp.resolve("pids");
    cli.install(
        "claude",
        "cat > /dev/null\necho $$ > '" + pids + "'\nsleep 30 &\necho $! >> '" + pids + "'\nwait\n");
    LlmCallLog log = new LlmCallLog();
    long started = System.nanoTime();

    AgentException e =
        assertThrows(
            AgentException.class,
            () -> student(LlmProvider.CLAUDE, log).attempt(task(1, behavior(1), List.of())));

    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    assertEquals(AgentException.Kind.STEP_TIMEOUT, e.kind());
    assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
    assertTrue(seconds < 15, "took " + seconds + " s");
    assertEquals(List.of(), FakeCli.leftRunning(FakeCli.pids(pids)));
    assertEquals(2, log.calls().size(), "a slow call is retried once");
    assertTrue(e.getMessage().contains("retried once"), e.getMessage());
    assertEquals(LlmCall.Outcome.TIMEOUT, log.calls().get(1).outcome());
    assertNull(log.calls().get(0).exitCode());
  }

  @Test
  void aRateLimitIsTransient() throws Exception {
    cli.install("claude", "cat > /dev/null\necho 'API Error: 429 Too Many Requests' >&2\nexit 1\n");
    LlmCallLog log = new LlmCallLog();

    AgentException e =
        assertThrows(
            AgentException.class,
            () -> student(LlmProvider.CLAUDE, log).attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("429 Too Many Requests"), e.getMessage());
    assertEquals(LlmCall.Outcome.TRANSIENT, log.calls().get(0).outcome());
    assertEquals(1, log.calls().get(0).exitCode());
    assertTrue(log.calls().get(0).errorOutput().contains("429"));
  }

  @Test
  void anAuthenticationFailureIsFatalWithLoginAdvice() throws Exception {
    cli.install(
        "codex", "cat > /dev/null\necho 'Error: 401 Unauthorized: invalid api key' >&2\nexit 1\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CODEX, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(
        e.getMessage().contains("not logged in or its credentials were rejected"), e.getMessage());
    assertTrue(e.getMessage().contains("codex login"), e.getMessage());
  }

  @Test
  void anErrorPrintedAsTheAnswerWithExitZeroIsJudgedLikeAFailure() throws Exception {
    cli.installReplying("claude");
    cli.reply("Invalid API key · Please run /login\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.FATAL, e.kind());
  }

  @Test
  void anUnexplainedFailureIsTransientOnceThenFatal() throws Exception {
    cli.install("gemini", "cat > /dev/null\necho 'Segmentation fault' >&2\nexit 139\n");
    CliStudent student = student(LlmProvider.GEMINI, new LlmCallLog());

    AgentException first =
        assertThrows(AgentException.class, () -> student.attempt(task(1, behavior(30), List.of())));
    AgentException second =
        assertThrows(AgentException.class, () -> student.attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.TRANSIENT, first.kind());
    assertTrue(first.getMessage().contains("exit 139: Segmentation fault"), first.getMessage());
    assertEquals(AgentException.Kind.FATAL, second.kind());
    assertTrue(second.getMessage().contains("smile.llm.gemini.command"), second.getMessage());
  }

  @Test
  void anEmptyAnswerIsNotTakenAsAResult() throws Exception {
    cli.install("claude", "cat > /dev/null\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.TRANSIENT, e.kind());
    assertTrue(e.getMessage().contains("printed nothing"), e.getMessage());
  }

  @Test
  void aRejectedCommandLineIsFatalAndPointsAtTheOverride() throws Exception {
    cli.install(
        "claude",
        "cat > /dev/null\necho \"error: unknown option '--output-format'\" >&2\nexit 1\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("smile.llm.claude.command"), e.getMessage());
  }

  // ---- processes ---------------------------------------------------------------------------

  @Test
  void anInterruptKillsTheToolAndEverythingItStarted() throws Exception {
    Path pids = temp.resolve("pids");
    cli.install(
        "claude",
        "cat > /dev/null\necho $$ > '" + pids + "'\nsleep 30 &\necho $! >> '" + pids + "'\nwait\n");
    LlmCallLog log = new LlmCallLog();
    CliStudent student = student(LlmProvider.CLAUDE, log);

    Future<StudentOutput> attempt =
        executor.submit(() -> student.attempt(task(1, behavior(60), List.of())));
    FakeCli.awaitLines(pids, 2);
    attempt.cancel(true);

    executor.shutdown();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "the attempt ended");
    assertEquals(List.of(), FakeCli.leftRunning(FakeCli.pids(pids)));
    assertEquals(LlmCall.Outcome.INTERRUPTED, log.calls().get(0).outcome());
  }

  @Test
  void anInterruptedAttemptThrowsInterruptedException() throws Exception {
    Path pids = temp.resolve("pids");
    cli.install("claude", "cat > /dev/null\necho $$ > '" + pids + "'\nexec sleep 30\n");
    CliStudent student = student(LlmProvider.CLAUDE, new LlmCallLog());
    Thread caller = Thread.currentThread();

    executor.submit(
        () -> {
          FakeCli.awaitLines(pids, 1);
          caller.interrupt();
          return null;
        });

    assertThrows(
        InterruptedException.class, () -> student.attempt(task(1, behavior(60), List.of())));
    assertFalse(
        Thread.currentThread().isInterrupted(), "the interrupt was consumed by the exception");
    assertEquals(List.of(), FakeCli.leftRunning(FakeCli.pids(pids)));
  }

  @Test
  void aServerTheToolLeftInTheBackgroundIsKilledWhenItEnds() throws Exception {
    Path pids = temp.resolve("pids");
    Files.writeString(cli.replies.resolve("default"), ASK_JSON);
    cli.install(
        "claude",
        "cat > /dev/null\nnohup sleep 30 > /dev/null 2>&1 &\necho $! > '"
            + pids
            + "'\nsleep 0.3\ncat '"
            + cli.replies.resolve("default")
            + "'\n");

    StudentOutput output =
        student(LlmProvider.CLAUDE, new LlmCallLog()).attempt(task(1, behavior(30), List.of()));

    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(List.of(), FakeCli.leftRunning(FakeCli.pids(pids)));
  }

  @Test
  void anOverrideFromASystemPropertyIsHonoured() throws Exception {
    Path custom = cli.installReplying("my-gemini");
    cli.reply(ASK_JSON);
    String property = CliCommands.property(LlmProvider.GEMINI);
    System.setProperty(property, custom + " --model 'gemini pro' \"\" --api-key=s3cret");
    try {
      LlmCallLog log = new LlmCallLog();
      CliStudent student =
          new CliStudent(
              new CliInvoker(
                  LlmProvider.GEMINI,
                  CliCommands.fromSystemProperties(),
                  cli.environment(),
                  log,
                  java.time.Clock.systemUTC()),
              cli.workRoot);

      StudentOutput output = student.attempt(task(1, behavior(30), List.of()));

      assertEquals(StudentStatus.ASK_MENTOR, output.status());
      assertEquals(
          List.of("--model", "gemini pro", "", "--api-key=s3cret"), cli.argv("my-gemini", 1));
      LlmCall call = log.calls().get(0);
      assertEquals(
          List.of(custom.toString(), "--model", "gemini pro", "", "--api-key=***"), call.argv());
      assertEquals("gemini pro", call.model());
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void anOverloadedApiIsTransient() throws Exception {
    cli.install(
        "claude",
        "cat > /dev/null\necho '{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}' >&2\nexit 1\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                student(LlmProvider.CLAUDE, new LlmCallLog())
                    .attempt(task(1, behavior(30), List.of())));

    assertEquals(AgentException.Kind.TRANSIENT, e.kind());
  }
}
