package dev.smileloop.loop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.agent.control.MentorAgent;
import dev.smileloop.agent.control.StudentAgent;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.MentorMode;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopEngineTest {

  @TempDir Path dir;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<LoopEvent> events = new CopyOnWriteArrayList<>();
  private final List<LoopSnapshot> finished = new CopyOnWriteArrayList<>();
  private final Tutorial tutorial =
      new Tutorial("t.md", null, null, "# T\n\n## Step\n\n```bash\ntrue\n```\n");

  @AfterEach
  void shutdown() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private LoopEngine engine(StudentAgent student, MentorAgent mentor) {
    return new LoopEngine(
        executor,
        scheduler,
        Clock.systemUTC(),
        events::add,
        config -> new Agents(student, mentor),
        loop -> {
          finished.add(loop);
          return dir.toString();
        },
        new LoopEngine.Settings(3, Duration.ofMillis(5)));
  }

  private SmileConfig config(
      LlmProvider provider, int maxIterations, int timeout, int stepTimeout) {
    SmileConfig d = SmileConfig.defaults(dir);
    StudentBehavior b = d.studentBehavior();
    return new SmileConfig(
        dir,
        d.tutorial(),
        provider,
        maxIterations,
        timeout,
        d.containerImage(),
        new StudentBehavior(
            b.maxRetriesBeforeHelp(),
            b.askOnMissingDependency(),
            b.askOnAmbiguousInstruction(),
            b.askOnCommandFailure(),
            b.askOnTimeout(),
            stepTimeout,
            b.patienceLevel()),
        d.container(),
        d.stateFile(),
        d.outputDir());
  }

  private LoopRequest request(int maxIterations) {
    return new LoopRequest(tutorial, config(LlmProvider.BUILTIN, maxIterations, 60, 60));
  }

  private static StudentOutput out(StudentStatus status) {
    return StudentOutput.of(
        status,
        "Step",
        "problem",
        status == StudentStatus.ASK_MENTOR ? "how?" : null,
        status == StudentStatus.CANNOT_COMPLETE ? "impossible" : null,
        "summary");
  }

  /** A Student that answers from a script, one output per attempt, recording the notes it got. */
  private static StudentAgent scripted(List<List<MentorNote>> notesSeen, StudentStatus... outputs) {
    Deque<StudentStatus> queue = new ConcurrentLinkedDeque<>(List.of(outputs));
    return task -> {
      notesSeen.add(task.mentorNotes());
      return out(queue.poll());
    };
  }

  private LoopState awaitEnd(LoopEngine engine) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!engine.status().status().isTerminal()) {
      assertTrue(System.nanoTime() < deadline, "loop did not end: " + engine.status());
      Thread.sleep(5);
    }
    // loop_complete is fired last, under the lock; wait for it to be recorded.
    while (events.stream().noneMatch(e -> e instanceof LoopEvent.LoopCompleted)) {
      Thread.sleep(5);
    }
    return engine.status();
  }

  private List<String> eventNames() {
    return events.stream().map(e -> e.getClass().getSimpleName()).toList();
  }

  @Test
  void studentThatCompletesEndsTheLoopAsCompletedAndRemovesTheStateFile() throws Exception {
    LoopEngine engine = engine(scripted(new ArrayList<>(), StudentStatus.COMPLETED), t -> null);
    LoopState started = engine.start(request(3));
    assertEquals(LoopStatus.STARTING, started.status());
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.COMPLETED, end.status());
    assertEquals(1, end.iteration());
    assertEquals(List.of("IterationStarted", "StudentReported", "LoopCompleted"), eventNames());
    assertFalse(Files.exists(dir.resolve(".smile/state.json")));
    assertEquals(1, finished.size());
  }

  @Test
  void aStudentWithNothingToValidateEndsTheLoopAsNothingToValidateNotCompleted() throws Exception {
    StudentAgent emptyHanded =
        task ->
            StudentOutput.builder(StudentStatus.COMPLETED)
                .summary("Nothing to validate: no code blocks.")
                .nothingToValidate("no code blocks")
                .build();
    LoopEngine engine = engine(emptyHanded, t -> null);
    engine.start(request(3));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.NOTHING_TO_VALIDATE, end.status());
    assertTrue(end.reason().contains("no code blocks"), end.reason());
    assertTrue(end.status().isTerminal());
  }

  @Test
  void mentorNotesAccumulateAndReachEveryLaterAttempt() throws Exception {
    List<List<MentorNote>> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger answers = new AtomicInteger();
    LoopEngine engine =
        engine(
            scripted(
                seen, StudentStatus.ASK_MENTOR, StudentStatus.ASK_MENTOR, StudentStatus.COMPLETED),
            t -> new MentorAnswer("note " + answers.incrementAndGet(), true));
    engine.start(request(5));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.COMPLETED, end.status());
    assertEquals(List.of(0, 1, 2), seen.stream().map(List::size).toList());
    assertEquals("note 1", seen.get(2).get(0).answer());
    assertEquals(2, seen.get(2).get(1).iteration());
    assertEquals(3, end.history().size());
    assertEquals("note 2", end.history().get(1).mentorOutput());
    assertEquals(
        List.of(
            "IterationStarted",
            "StudentReported",
            "MentorAnswered",
            "IterationStarted",
            "StudentReported",
            "MentorAnswered",
            "IterationStarted",
            "StudentReported",
            "LoopCompleted"),
        eventNames());
  }

  @Test
  void lastIterationStillHearsTheMentorThenEndsAsMaxIterations() throws Exception {
    LoopEngine engine =
        engine(
            scripted(new ArrayList<>(), StudentStatus.ASK_MENTOR, StudentStatus.ASK_MENTOR),
            t -> new MentorAnswer("try again", true));
    engine.start(request(2));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.MAX_ITERATIONS, end.status());
    assertEquals(2, end.mentorNotes().size());
    assertTrue(
        Files.exists(dir.resolve(".smile/state.json")), "only success and stop remove the state");
  }

  @Test
  void cannotCompleteAndUnresolvableMentorAreBlockers() throws Exception {
    LoopEngine engine =
        engine(scripted(new ArrayList<>(), StudentStatus.CANNOT_COMPLETE), t -> null);
    engine.start(request(3));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.BLOCKER, end.status());
    assertTrue(end.reason().contains("impossible"));

    events.clear();
    LoopEngine other =
        engine(
            scripted(new ArrayList<>(), StudentStatus.ASK_MENTOR),
            t -> new MentorAnswer("no idea", false));
    other.start(request(3));
    assertEquals(LoopStatus.BLOCKER, awaitEnd(other).status());
  }

  @Test
  void transientFailuresAreRetriedWithBackoff() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    StudentAgent flaky =
        task -> {
          if (calls.incrementAndGet() < 3) {
            throw AgentException.transientFailure("rate limited");
          }
          return out(StudentStatus.COMPLETED);
        };
    LoopEngine engine = engine(flaky, t -> null);
    engine.start(request(3));
    assertEquals(LoopStatus.COMPLETED, awaitEnd(engine).status());
    assertEquals(3, calls.get());
    assertEquals(2, events.stream().filter(e -> e instanceof LoopEvent.LoopError).count());
  }

  @Test
  void transientFailuresThatNeverStopEndAsBlocker() throws Exception {
    LoopEngine engine =
        engine(
            task -> {
              throw AgentException.transientFailure("API down");
            },
            t -> null);
    engine.start(request(3));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.BLOCKER, end.status());
    assertTrue(end.reason().contains("API down"));
  }

  @Test
  void fatalErrorEndsTheLoopAtOnceWithAnErrorEvent() throws Exception {
    LoopEngine engine =
        engine(
            task -> {
              throw AgentException.fatal("claude CLI not found");
            },
            t -> null);
    engine.start(request(3));
    assertEquals(LoopStatus.ERROR, awaitEnd(engine).status());
    assertEquals(List.of("IterationStarted", "LoopError", "LoopCompleted"), eventNames());
    assertEquals("claude CLI not found", ((LoopEvent.LoopError) events.get(1)).message());
  }

  @Test
  void agentFaultEndsTheLoopAsAgentErrorNotAsAGap() throws Exception {
    LoopEngine engine =
        engine(
            task -> {
              throw AgentException.agentFault("the model echoed the answer schema twice");
            },
            t -> null);
    engine.start(request(3));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.AGENT_ERROR, end.status());
    assertTrue(end.reason().contains("the model's fault"), end.reason());
    assertTrue(
        end.history().stream().allMatch(h -> h.studentOutput() == null), "no output, no gap");
    assertEquals(List.of("IterationStarted", "LoopError", "LoopCompleted"), eventNames());
  }

  @Test
  void globalTimeoutInterruptsTheAgentAndEndsAsTimeout() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    StudentAgent sleeper =
        task -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw e;
          }
          return out(StudentStatus.COMPLETED);
        };
    LoopEngine engine = engine(sleeper, t -> null);
    engine.start(new LoopRequest(tutorial, config(LlmProvider.BUILTIN, 3, 1, 60)));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.TIMEOUT, end.status());
    assertTrue(end.reason().contains("timeout of 1 s"));
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the agent was not interrupted");
  }

  @Test
  void stopEndsTheLoopInterruptsTheAgentAndRemovesTheStateFile() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    LoopEngine engine =
        engine(
            task -> {
              running.countDown();
              Thread.sleep(60_000);
              return out(StudentStatus.COMPLETED);
            },
            t -> null);
    engine.start(request(3));
    assertTrue(running.await(5, TimeUnit.SECONDS));
    LoopState stopped = engine.stop("user asked");
    assertEquals(LoopStatus.STOPPED, stopped.status());
    assertTrue(stopped.reason().contains("user asked"));
    assertFalse(Files.exists(dir.resolve(".smile/state.json")));
    SmileException again = assertThrows(SmileException.class, () -> engine.stop("again"));
    assertEquals(SmileException.Kind.UNAVAILABLE, again.kind());
  }

  @Test
  void secondLoopIsRefusedWhileOneRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LoopEngine engine =
        engine(
            task -> {
              release.await();
              return out(StudentStatus.COMPLETED);
            },
            t -> null);
    engine.start(request(3));
    SmileException refused = assertThrows(SmileException.class, () -> engine.start(request(3)));
    assertEquals(SmileException.Kind.CONFLICT, refused.kind());
    assertTrue(refused.getMessage().contains("loop already running"));
    release.countDown();
    assertEquals(LoopStatus.COMPLETED, awaitEnd(engine).status());
  }

  @Test
  void lockHeldByAnotherOwnerRefusesTheStart() {
    try (StateStore other = StateStore.acquire(dir.resolve(".smile/state.json"))) {
      LoopEngine engine = engine(task -> out(StudentStatus.COMPLETED), t -> null);
      SmileException refused = assertThrows(SmileException.class, () -> engine.start(request(3)));
      assertTrue(refused.getMessage().contains("loop already running"));
      assertEquals(LoopStatus.IDLE, engine.status().status());
    }
  }

  @Test
  void stateIsPersistedAfterEveryTransition() throws Exception {
    CountDownLatch inMentor = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LoopEngine engine =
        engine(
            scripted(new ArrayList<>(), StudentStatus.ASK_MENTOR),
            t -> {
              inMentor.countDown();
              release.await();
              return new MentorAnswer("n", false);
            });
    engine.start(request(3));
    assertTrue(inMentor.await(5, TimeUnit.SECONDS));
    // Written in the background: wait for the snapshot of the transition to running_mentor.
    PersistedLoop persisted = null;
    for (int i = 0;
        i < 500 && (persisted == null || persisted.state().status() != LoopStatus.RUNNING_MENTOR);
        i++) {
      Thread.sleep(10);
      Path file = dir.resolve(".smile/state.json");
      persisted = Files.exists(file) ? PersistedLoop.fromJson(Files.readString(file)) : null;
    }
    assertEquals(LoopStatus.RUNNING_MENTOR, persisted.state().status());
    assertEquals(
        StudentStatus.ASK_MENTOR, persisted.state().history().get(0).studentOutput().status());
    assertEquals(tutorial.markdown(), persisted.tutorial().markdown());
    release.countDown();
    awaitEnd(engine);
    PersistedLoop last = PersistedLoop.fromJson(Files.readString(dir.resolve(".smile/state.json")));
    assertEquals(LoopStatus.BLOCKER, last.state().status());
  }

  @Test
  void crashedLoopResumesAfterItsLastCompletedIteration() throws Exception {
    Instant t0 = Instant.parse("2026-11-26T10:00:00Z");
    MentorNote note = new MentorNote(1, "how?", "do X", t0, null);
    LoopState crashed =
        new LoopState(
            "loop-1",
            LoopStatus.RUNNING_STUDENT,
            2,
            5,
            "t.md",
            List.of(note),
            List.of(
                new IterationRecord(1, out(StudentStatus.ASK_MENTOR), "do X", t0, t0),
                new IterationRecord(2, out(StudentStatus.ASK_MENTOR), null, t0, t0)),
            t0,
            t0,
            null,
            null);
    Files.createDirectories(dir.resolve(".smile"));
    Files.writeString(
        dir.resolve(".smile/state.json"),
        new PersistedLoop(config(LlmProvider.BUILTIN, 5, 60, 60), tutorial, crashed).toJson());

    List<StudentTask> tasks = new CopyOnWriteArrayList<>();
    LoopEngine engine =
        engine(
            task -> {
              tasks.add(task);
              return out(StudentStatus.COMPLETED);
            },
            t -> null);
    LoopState resumed = engine.resume(dir.resolve(".smile/state.json"));
    assertEquals("loop-1", resumed.loopId());
    assertEquals(1, resumed.history().size(), "the half-done iteration 2 is run again");
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.COMPLETED, end.status());
    assertEquals(2, tasks.get(0).iteration());
    assertEquals(List.of(note), tasks.get(0).mentorNotes());
  }

  @Test
  void externalCallbacksAreAcceptedEarlyAndRefusedInTheWrongState() throws Exception {
    LoopEngine engine = engine(null, null);
    SmileException idle =
        assertThrows(
            SmileException.class, () -> engine.studentResult(out(StudentStatus.COMPLETED)));
    assertEquals(SmileException.Kind.UNAVAILABLE, idle.kind());

    engine.start(new LoopRequest(tutorial, config(LlmProvider.EXTERNAL, 3, 60, 60)));
    // Straight after start: the loop thread may not wait yet, the callback is still accepted.
    assertEquals("continue", engine.studentResult(out(StudentStatus.ASK_MENTOR)).nextAction());
    SmileException twice =
        assertThrows(
            SmileException.class, () -> engine.studentResult(out(StudentStatus.COMPLETED)));
    assertEquals(SmileException.Kind.UNAVAILABLE, twice.kind());
    assertEquals("continue", engine.mentorResult("notes", false).nextAction());
    assertEquals("stop", engine.studentResult(out(StudentStatus.COMPLETED)).nextAction());
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.COMPLETED, end.status());
    assertEquals(2, end.iteration());
    assertEquals("notes", end.mentorNotes().get(0).answer());
  }

  @Test
  void anExternalQuestionOnTheLastIterationEndsAsMaxIterationsWithoutAMentor() throws Exception {
    LoopEngine engine = engine(null, null);
    engine.start(new LoopRequest(tutorial, config(LlmProvider.EXTERNAL, 2, 60, 60)));
    assertEquals("continue", engine.studentResult(out(StudentStatus.ASK_MENTOR)).nextAction());
    assertEquals("continue", engine.mentorResult("notes", false).nextAction());
    assertEquals("stop", engine.studentResult(out(StudentStatus.ASK_MENTOR)).nextAction());
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.MAX_ITERATIONS, end.status());
    assertEquals(1, end.mentorNotes().size(), "the last question reached no Mentor");
    assertEquals(2, end.history().size());
    assertThrows(SmileException.class, () -> engine.mentorResult("late", false));
  }

  @Test
  void externalAgentThatNeverReportsIsAStepTimeout() throws Exception {
    LoopEngine engine = engine(null, null);
    engine.start(new LoopRequest(tutorial, config(LlmProvider.EXTERNAL, 3, 60, 1)));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.TIMEOUT, end.status());
    assertTrue(end.reason().contains("did not report within 1 s"));
  }

  @Test
  void humanMentorAnswersTheProvidersStudentAndOnlyTheFirstAnswerCounts() throws Exception {
    List<List<MentorNote>> notesSeen = new CopyOnWriteArrayList<>();
    MentorAgent providersMentor =
        task -> {
          throw new AssertionError("the provider's Mentor must not answer in mentor mode human");
        };
    LoopEngine engine =
        engine(
            scripted(notesSeen, StudentStatus.ASK_MENTOR, StudentStatus.COMPLETED),
            providersMentor);
    engine.start(
        new LoopRequest(
            tutorial, config(LlmProvider.BUILTIN, 3, 60, 60).withMentor(MentorMode.HUMAN)));
    SmileException noStudentCallback =
        assertThrows(
            SmileException.class, () -> engine.studentResult(out(StudentStatus.COMPLETED)));
    assertEquals(SmileException.Kind.UNAVAILABLE, noStudentCallback.kind());

    awaitStatus(engine, LoopStatus.WAITING_FOR_MENTOR);
    assertEquals("continue", engine.mentorResult("run `chmod +x x` first", false).nextAction());
    SmileException second =
        assertThrows(SmileException.class, () -> engine.mentorResult("too late", false));
    assertEquals(SmileException.Kind.UNAVAILABLE, second.kind());

    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.COMPLETED, end.status());
    assertEquals(2, end.iteration());
    assertEquals(1, end.mentorNotes().size());
    assertEquals("run `chmod +x x` first", end.mentorNotes().get(0).answer());
    assertEquals("how?", end.mentorNotes().get(0).question());
    assertEquals(List.of(end.mentorNotes()), notesSeen.subList(1, 2));
  }

  @Test
  void humanMentorWhoNeverAnswersIsAStepTimeout() throws Exception {
    LoopEngine engine = engine(scripted(new ArrayList<>(), StudentStatus.ASK_MENTOR), task -> null);
    engine.start(
        new LoopRequest(
            tutorial, config(LlmProvider.BUILTIN, 3, 60, 1).withMentor(MentorMode.HUMAN)));
    LoopState end = awaitEnd(engine);
    assertEquals(LoopStatus.TIMEOUT, end.status());
    assertTrue(end.reason().contains("human mentor did not report within 1 s"), end.reason());
  }

  private static void awaitStatus(LoopEngine engine, LoopStatus wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (engine.status().status() != wanted) {
      assertTrue(System.nanoTime() < deadline, "never reached " + wanted + ": " + engine.status());
      Thread.sleep(5);
    }
  }

  @Test
  void progressOfTheStudentIsFiredAsItHappens() throws Exception {
    StudentAgent student =
        task -> {
          task.progress()
              .accept(
                  new dev.smileloop.agent.entity.CommandRecord(
                      "true", 7, "Step", 0, "", 1, false, false));
          return out(StudentStatus.COMPLETED);
        };
    LoopEngine engine = engine(student, t -> null);
    engine.start(request(3));
    awaitEnd(engine);
    assertEquals(
        List.of("IterationStarted", "StudentProgress", "StudentReported", "LoopCompleted"),
        eventNames());
    assertEquals(7, ((LoopEvent.StudentProgress) events.get(1)).command().line());
  }

  @Test
  void shutdownLeavesTheLoopResumableInsteadOfEndingIt() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    LoopEngine engine =
        engine(
            task -> {
              running.countDown();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              return out(StudentStatus.COMPLETED);
            },
            t -> null);
    engine.start(request(3));
    assertTrue(running.await(5, TimeUnit.SECONDS));
    engine.shutdown();
    assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the agent was not interrupted");
    PersistedLoop left = PersistedLoop.fromJson(Files.readString(dir.resolve(".smile/state.json")));
    assertEquals(LoopStatus.RUNNING_STUDENT, left.state().status());
    assertTrue(events.stream().noneMatch(e -> e instanceof LoopEvent.LoopCompleted));

    LoopEngine next = engine(task -> out(StudentStatus.COMPLETED), t -> null);
    next.resume(dir.resolve(".smile/state.json"));
    assertEquals(
        LoopStatus.COMPLETED,
        awaitEnd(next).status(),
        "the lock was released and the loop resumed");
  }
}
