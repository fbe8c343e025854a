package dev.smileloop.llm.control;

import static dev.smileloop.llm.control.FakeCli.behavior;
import static dev.smileloop.llm.control.FakeCli.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.learner.mentor.BuiltinMentor;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.loop.control.LoopEngine;
import dev.smileloop.loop.control.LoopRequest;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmAgentsTest {

  private static final Tutorial TUTORIAL =
      new Tutorial("hello.md", null, null, "# Hello\n\n## Greet\n\n```bash\nhello --loud\n```\n");

  private static final String ASK =
      """
      Okay.
      ```json
      {"status": "ask_mentor", "currentStep": "Greet", "problem": "hello: command not found",
       "questionForMentor": "Where does hello come from?", "location": {"line": 6}, "trigger": "missing_dependency"}
      ```
      """;

  private static final String COMPLETED =
      "{\"status\": \"completed\", \"currentStep\": \"Greet\", \"summary\": \"printed the greeting\"}";

  @TempDir Path temp;

  private FakeCli cli;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void setUp() throws Exception {
    cli = new FakeCli(temp);
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private LoopState runLoop(LlmCallLog log, SmileConfig config) throws Exception {
    List<LoopEvent> events = new CopyOnWriteArrayList<>();
    LoopEngine engine =
        new LoopEngine(
            executor,
            scheduler,
            Clock.systemUTC(),
            events::add,
            c -> LlmAgents.create(cli.invoker(c.llmProvider(), log), cli.workRoot),
            loop -> temp.toString(),
            new LoopEngine.Settings(2, Duration.ofMillis(5)));
    engine.start(new LoopRequest(TUTORIAL, config));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (events.stream().noneMatch(e -> e instanceof LoopEvent.LoopCompleted)) {
      assertTrue(System.nanoTime() < deadline, "the loop did not end: " + engine.status());
      Thread.sleep(10);
    }
    return engine.status();
  }

  @Test
  void createGivesACliStudentAndMentorOfTheProvider() throws Exception {
    cli.installReplying("codex");

    Agents agents =
        LlmAgents.create(cli.invoker(LlmProvider.CODEX, new LlmCallLog()), cli.workRoot);

    assertInstanceOf(CliStudent.class, agents.student());
    assertInstanceOf(CliMentor.class, agents.mentor());
  }

  @Test
  void createFailsFatallyWhenTheToolIsMissing() {
    AgentException e =
        assertThrows(
            AgentException.class,
            () ->
                LlmAgents.create(cli.invoker(LlmProvider.GEMINI, new LlmCallLog()), cli.workRoot));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(
        e.getMessage()
            .startsWith(
                "llmProvider \"gemini\" needs the `gemini` command-line tool, which is not on PATH"),
        e.getMessage());
  }

  @Test
  void createChecksAnOverriddenMentorProgramToo() throws Exception {
    cli.installReplying("claude");
    CliInvoker invoker =
        cli.invoker(
            LlmProvider.CLAUDE,
            new LlmCallLog(),
            name -> name.equals("smile.llm.claude.mentor.command") ? "/opt/none/claude -p" : null);

    AgentException e =
        assertThrows(AgentException.class, () -> LlmAgents.create(invoker, cli.workRoot));

    assertTrue(
        e.getMessage()
            .contains(
                "/opt/none/claude (set by the system property smile.llm.claude.mentor.command)"),
        e.getMessage());
  }

  @Test
  void theDefaultFactoryNamesTheMissingToolToo() {
    // The server's own PATH and system properties: a program that exists nowhere is missing.
    System.setProperty("smile.llm.codex.command", "smile-no-such-codex-cli exec -");
    try {
      AgentException e =
          assertThrows(
              AgentException.class,
              () ->
                  LlmAgents.create(
                      config(temp, LlmProvider.CODEX, behavior(30)),
                      cli.workRoot,
                      Clock.systemUTC()));

      assertTrue(e.getMessage().contains("`smile-no-such-codex-cli`"), e.getMessage());
    } finally {
      System.clearProperty("smile.llm.codex.command");
    }
  }

  @Test
  void onlyCommandLineProvidersAreAccepted() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            LlmAgents.create(
                config(temp, LlmProvider.BUILTIN, behavior(30)), cli.workRoot, Clock.systemUTC()));
  }

  @Test
  void aLoopAsksTheMentorAndTheNextAttemptGetsItsNotes() throws Exception {
    cli.installReplying("claude");
    cli.reply(1, ASK);
    cli.reply(2, "Before line 6, install it: `apt-get install hello`.");
    cli.reply(3, COMPLETED);
    LlmCallLog log = new LlmCallLog();

    LoopState state = runLoop(log, config(temp, LlmProvider.CLAUDE, behavior(30)));

    assertEquals(LoopStatus.COMPLETED, state.status(), state.reason());
    assertEquals(2, state.iteration());
    assertEquals(
        "Before line 6, install it: `apt-get install hello`.", state.mentorNotes().get(0).answer());
    assertEquals(6, state.mentorNotes().get(0).location().line());
    String secondAttempt = cli.stdin("claude", 3);
    assertTrue(
        secondAttempt.contains("Note from iteration 1 (asked at line 6: \"hello --loud\")"),
        secondAttempt);
    assertTrue(secondAttempt.contains("install it: `apt-get install hello`."), secondAttempt);
    assertEquals(
        List.of(LlmRole.STUDENT, LlmRole.MENTOR, LlmRole.STUDENT),
        log.calls().stream().map(LlmCall::role).toList());
    assertEquals(List.of(1, 1, 2), log.calls().stream().map(LlmCall::iteration).toList());
  }

  @Test
  void aRateLimitThatDoesNotGoAwayEndsTheLoopAsABlockerAfterRetries() throws Exception {
    cli.install("claude", "cat > /dev/null\necho 'Error: 429 rate_limit_error' >&2\nexit 1\n");
    LlmCallLog log = new LlmCallLog();

    LoopState state = runLoop(log, config(temp, LlmProvider.CLAUDE, behavior(30)));

    assertEquals(LoopStatus.BLOCKER, state.status());
    assertTrue(state.reason().contains("429"), state.reason());
    assertEquals(3, log.calls().size(), "the first try and two retries");
  }

  @Test
  void aMissingToolEndsTheLoopAsAnErrorNamingIt() throws Exception {
    LoopState state = runLoop(new LlmCallLog(), config(temp, LlmProvider.CLAUDE, behavior(30)));

    assertEquals(LoopStatus.ERROR, state.status());
    assertTrue(state.reason().contains("`claude` command-line tool"), state.reason());
  }

  @Test
  void callsMapToTheReportsAuditEntries() throws Exception {
    cli.installReplying("claude");
    cli.reply(COMPLETED);
    LlmCallLog log = new LlmCallLog();
    Agents agents = LlmAgents.create(cli.invoker(LlmProvider.CLAUDE, log), cli.workRoot);

    runLoop(log, config(temp, LlmProvider.CLAUDE, behavior(30)));

    LlmCall call = log.calls().get(0);
    dev.smileloop.report.entity.LlmCall audit = call.toAudit();
    assertEquals("student", audit.role());
    assertEquals("claude", audit.provider());
    assertEquals("ok", audit.outcome());
    assertNull(audit.model());
    assertEquals(call.startedAt(), audit.startedAt());
    assertEquals(log.calls(), LlmAgents.calls(agents));
    assertEquals(
        List.of(),
        LlmAgents.calls(
            new Agents(
                task -> null,
                new BuiltinMentor(ExecutableLookup.sandbox(), new TutorialParser()::parse))));
  }
}
