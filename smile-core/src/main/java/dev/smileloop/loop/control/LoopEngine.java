package dev.smileloop.loop.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.AgentFactory;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.MentorMode;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one Student–Mentor loop at a time (SPEC section 3).
 *
 * <p>The loop itself runs on a thread of the given executor; callers (REST handlers) only change
 * state under the engine's lock and never wait for an agent. Every transition is checked against
 * {@link LoopTransitions}, persisted through the {@link StateStore} and fired as a {@link
 * LoopEvent} while the lock is held, so observers see transitions in the order they happened.
 *
 * <p>External agents are played by the engine itself: a callback "slot" per role is opened when the
 * loop reaches that role, or as soon as the previous callback makes it the next one, so a callback
 * that arrives before the loop has moved to its waiting state is accepted. With {@code "mentor":
 * "human"} only the Mentor is played that way: the provider's Student runs, and a person answers
 * through the mentor callback; the first answer fills the slot, later ones are refused.
 */
public final class LoopEngine {

  private static final Logger LOG = Logger.getLogger(LoopEngine.class.getName());

  /** How transient agent failures are retried: attempts after the first, and the first pause. */
  public record Settings(int transientRetries, Duration backoffBase) {
    public static Settings defaults() {
      return new Settings(3, Duration.ofSeconds(1));
    }
  }

  private final ExecutorService executor;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Consumer<LoopEvent> events;
  private final AgentFactory agentFactory;
  private final Function<LoopSnapshot, String> onFinish;
  private final Settings settings;

  private final Object lock = new Object();
  private LoopState state;
  private Run run;

  public LoopEngine(
      ExecutorService executor,
      ScheduledExecutorService scheduler,
      Clock clock,
      Consumer<LoopEvent> events,
      AgentFactory agentFactory,
      Function<LoopSnapshot, String> onFinish,
      Settings settings) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.clock = clock;
    this.events = events;
    this.agentFactory = agentFactory;
    this.onFinish = onFinish;
    this.settings = settings;
    this.state = LoopState.idle(clock.instant());
  }

  /** The current (or last) loop's state. */
  public LoopState status() {
    synchronized (lock) {
      return state;
    }
  }

  /** The current (or last) loop with its tutorial and configuration; empty before the first. */
  public Optional<LoopSnapshot> snapshot() {
    synchronized (lock) {
      return run == null
          ? Optional.empty()
          : Optional.of(new LoopSnapshot(state, run.request.tutorial(), run.request.config()));
    }
  }

  /** Starts a loop; refused while one is active here or holds the state file's lock elsewhere. */
  public LoopState start(LoopRequest request) {
    return begin(request, null);
  }

  /** Resumes the loop persisted in {@code stateFile} after its last completed iteration. */
  public LoopState resume(Path stateFile) {
    PersistedLoop persisted =
        StateStore.read(stateFile)
            .map(PersistedLoop::fromJson)
            .orElseThrow(
                () ->
                    new SmileException(
                        SmileException.Kind.NOT_FOUND, "no loop state to resume at " + stateFile));
    if (persisted.state().status().isTerminal()) {
      throw SmileException.invalid(
          "the loop in "
              + stateFile
              + " already ended as "
              + persisted.state().status().wireName()
              + "; there is nothing to resume");
    }
    return begin(new LoopRequest(persisted.tutorial(), persisted.config()), persisted.state());
  }

  private LoopState begin(LoopRequest request, LoopState resumeFrom) {
    synchronized (lock) {
      if (state.status().isActive()) {
        throw new SmileException(
            SmileException.Kind.CONFLICT,
            "loop already running (loop "
                + state.loopId()
                + ", status "
                + state.status().wireName()
                + "); only one loop runs per instance — stop it first with POST /api/stop");
      }
      awaitPreviousReports();
      SmileConfig config = request.config();
      StateStore store = StateStore.acquire(config.stateFilePath());
      try {
        Instant now = clock.instant();
        List<IterationRecord> history =
            resumeFrom == null ? List.of() : completedIterations(resumeFrom);
        int done = history.isEmpty() ? 0 : history.get(history.size() - 1).iteration();
        List<MentorNote> notes =
            resumeFrom == null
                ? List.of()
                : resumeFrom.mentorNotes().stream().filter(n -> n.iteration() <= done).toList();
        String loopId = resumeFrom == null ? UUID.randomUUID().toString() : resumeFrom.loopId();
        Instant startedAt = resumeFrom == null ? now : resumeFrom.startedAt();
        Run r =
            new Run(
                loopId,
                request,
                new StateWriter(store, executor),
                config.llmProvider() == LlmProvider.EXTERNAL,
                config.mentor() == MentorMode.HUMAN);
        r.studentReports = done;
        if (r.external) {
          r.studentSlots.add(
              new CompletableFuture<>()); // a Student may report before the loop waits
        }
        run = r;
        state =
            new LoopState(
                loopId,
                LoopStatus.STARTING,
                done,
                config.maxIterations(),
                request.tutorial().name(),
                notes,
                history,
                startedAt,
                now,
                null,
                null);
        persist(r);
        r.deadline =
            scheduler.schedule(
                () ->
                    end(
                        r,
                        LoopStatus.TIMEOUT,
                        "the loop exceeded its timeout of " + config.timeout() + " s"),
                config.timeout(),
                TimeUnit.SECONDS);
        r.task = executor.submit(() -> drive(r, done + 1));
        return state;
      } catch (RuntimeException e) {
        run = null;
        store.close();
        throw e;
      }
    }
  }

  /** A new loop waits (briefly) until the last one's reports and loop_complete are out. */
  private void awaitPreviousReports() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (run != null && run.finishing) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new SmileException(
            SmileException.Kind.CONFLICT,
            "the previous loop is still writing its reports; try again shortly");
      }
      try {
        lock.wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SmileException(
            SmileException.Kind.CONFLICT, "interrupted while the previous loop finished");
      }
    }
  }

  /** Iterations that finished with a Mentor answer; a half-done one is run again. */
  private static List<IterationRecord> completedIterations(LoopState persisted) {
    List<IterationRecord> done = new ArrayList<>();
    for (IterationRecord record : persisted.history()) {
      if (record.mentorOutput() == null || record.iteration() != done.size() + 1) {
        break;
      }
      done.add(record);
    }
    return done;
  }

  /** An external Student's report; answers whether the loop goes on after it. */
  public CallbackReply studentResult(StudentOutput output) {
    synchronized (lock) {
      Run r = callbackRun("student", run != null && run.external);
      CompletableFuture<StudentOutput> slot = r.studentSlots.peekLast();
      if (slot == null || slot.isDone()) {
        throw notWaitingFor("student");
      }
      slot.complete(output);
      r.studentReports++;
      // As the original orchestrator does: a question on the last iteration ends the loop as
      // max_iterations right away (no Mentor is asked), so the Student hears "stop".
      boolean mentorNext =
          output.status() == StudentStatus.ASK_MENTOR && r.studentReports < state.maxIterations();
      if (mentorNext) {
        r.mentorSlots.add(new CompletableFuture<>());
      }
      return CallbackReply.proceed(mentorNext);
    }
  }

  /** An external Mentor's notes; {@code unresolvable} ends the loop as a blocker. */
  public CallbackReply mentorResult(String notes, boolean unresolvable) {
    synchronized (lock) {
      Run r = callbackRun("mentor", run != null && run.mentorByCallback());
      CompletableFuture<MentorAnswer> slot = r.mentorSlots.peekLast();
      if (slot == null || slot.isDone()) {
        throw notWaitingFor("mentor");
      }
      slot.complete(new MentorAnswer(notes, !unresolvable));
      int answered = r.external ? r.studentReports : state.iteration();
      boolean studentNext = !unresolvable && answered < state.maxIterations();
      if (studentNext && r.external) {
        r.studentSlots.add(new CompletableFuture<>());
      }
      return CallbackReply.proceed(studentNext);
    }
  }

  /** Ends the active loop as {@code stopped}. */
  public LoopState stop(String reason) {
    synchronized (lock) {
      if (run == null || !state.status().isActive()) {
        throw new SmileException(
            SmileException.Kind.UNAVAILABLE, "no loop is running, so there is nothing to stop");
      }
      String why = reason == null || reason.isBlank() ? "stop requested" : reason;
      end(run, LoopStatus.STOPPED, "stopped: " + why);
      return state;
    }
  }

  /**
   * The server is going away: the running loop is abandoned, not ended. Its agent is interrupted
   * and its last state stays in the state file with the lock released, so it can be resumed later
   * like a crashed loop; no terminal event is fired.
   */
  public void shutdown() {
    synchronized (lock) {
      Run r = run;
      if (r == null || !state.status().isActive()) {
        return;
      }
      run = null; // from here on the loop thread only finds that it was left
      halt(r);
      r.writer.finish(snapshotOf(r));
    }
  }

  /**
   * Cancels the run's timer, wakes its callback waits and interrupts its agent (unless that is us).
   */
  private static void halt(Run r) {
    r.deadline.cancel(false);
    r.studentSlots.forEach(slot -> slot.cancel(false));
    r.mentorSlots.forEach(slot -> slot.cancel(false));
    if (r.thread != Thread.currentThread() && r.task != null) {
      r.task.cancel(true);
    }
  }

  private Run callbackRun(String role, boolean takesCallback) {
    if (run == null || !state.status().isActive()) {
      throw new SmileException(
          SmileException.Kind.UNAVAILABLE,
          "no loop is running, so no "
              + role
              + " result is expected; start one with POST /api/loop");
    }
    if (!takesCallback) {
      throw new SmileException(
          SmileException.Kind.UNAVAILABLE,
          "the running loop uses the "
              + run.request.config().llmProvider().wireName()
              + " agents and takes no "
              + role
              + " callbacks (use \"llmProvider\": \"external\" for agents that report over HTTP"
              + (role.equals("mentor") ? ", or \"mentor\": \"human\" to answer as the Mentor" : "")
              + ")");
    }
    return run;
  }

  private SmileException notWaitingFor(String role) {
    return new SmileException(
        SmileException.Kind.UNAVAILABLE,
        "the loop is not waiting for a "
            + role
            + " result (status "
            + state.status().wireName()
            + ", iteration "
            + state.iteration()
            + ")");
  }

  // ---------------------------------------------------------------- the loop thread

  private void drive(Run r, int firstIteration) {
    r.thread = Thread.currentThread();
    try {
      Agents agents = r.external ? externalAgents(r) : agentFactory.create(r.request.config());
      if (r.humanMentor && !r.external) {
        agents = new Agents(agents.student(), externalAgents(r).mentor());
      }
      int max = r.request.config().maxIterations();
      if (firstIteration > max) {
        end(r, LoopStatus.MAX_ITERATIONS, "the loop used all " + max + " iterations");
        return;
      }
      for (int iteration = firstIteration; ; iteration++) {
        StudentOutput output = studentStep(r, agents, iteration);
        switch (output.status()) {
          case COMPLETED -> {
            if (output.nothingToValidate() != null) {
              end(
                  r,
                  LoopStatus.NOTHING_TO_VALIDATE,
                  "nothing to validate: " + output.nothingToValidate());
            } else {
              end(r, LoopStatus.COMPLETED, completedSummary(iteration));
            }
            return;
          }
          case CANNOT_COMPLETE -> {
            end(
                r,
                LoopStatus.BLOCKER,
                "the Student cannot complete the tutorial: " + describe(output));
            return;
          }
          case ASK_MENTOR -> {
            if (r.external && iteration >= max) {
              end(
                  r,
                  LoopStatus.MAX_ITERATIONS,
                  "the loop used all "
                      + max
                      + " iterations; the Student was still stuck: "
                      + describe(output));
              return;
            }
            MentorAnswer answer = mentorStep(r, agents, iteration, output);
            if (!answer.resolvable()) {
              end(r, LoopStatus.BLOCKER, "the Mentor found no way past: " + describe(output));
              return;
            }
            if (iteration >= max) {
              end(
                  r,
                  LoopStatus.MAX_ITERATIONS,
                  "the loop used all "
                      + max
                      + " iterations; the Student was still stuck: "
                      + describe(output));
              return;
            }
          }
        }
      }
    } catch (InterruptedException e) {
      // Stop or the global timeout ended the loop; end() already recorded why.
      end(r, LoopStatus.STOPPED, "stopped: the loop thread was interrupted");
    } catch (LoopEnded e) {
      LOG.fine(() -> "loop " + r.loopId + " ended while its agent was working");
    } catch (AgentException e) {
      switch (e.kind()) {
        case STEP_TIMEOUT -> end(r, LoopStatus.TIMEOUT, e.getMessage());
        case TRANSIENT ->
            end(r, LoopStatus.BLOCKER, "the agent kept failing after retries: " + e.getMessage());
        case FATAL -> end(r, LoopStatus.ERROR, e.getMessage());
        case AGENT_FAULT ->
            end(r, LoopStatus.AGENT_ERROR, "agent error (the model's fault): " + e.getMessage());
      }
    } catch (SmileException e) {
      end(r, LoopStatus.ERROR, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "loop " + r.loopId + " failed", e);
      end(r, LoopStatus.ERROR, "internal error: " + e);
    }
  }

  private StudentOutput studentStep(Run r, Agents agents, int iteration)
      throws AgentException, InterruptedException {
    StudentTask task;
    Instant startedAt;
    synchronized (lock) {
      ensureCurrent(r);
      if (r.external && r.studentSlots.isEmpty()) {
        r.studentSlots.add(new CompletableFuture<>());
      }
      startedAt = clock.instant();
      update(r, LoopStatus.RUNNING_STUDENT, iteration, state.history(), state.mentorNotes());
      fire(new LoopEvent.IterationStarted(iteration, startedAt, state));
      task =
          new StudentTask(
              r.loopId,
              iteration,
              r.request.tutorial(),
              r.request.config(),
              state.mentorNotes(),
              command -> progress(r, iteration, command));
    }
    StudentOutput output = withRetries(r, () -> agents.student().attempt(task));
    synchronized (lock) {
      ensureCurrent(r);
      List<IterationRecord> history = new ArrayList<>(state.history());
      history.add(new IterationRecord(iteration, output, null, startedAt, clock.instant()));
      boolean asks = output.status() == StudentStatus.ASK_MENTOR;
      boolean lastQuestion = r.external && iteration >= r.request.config().maxIterations();
      if (asks && r.humanMentor && !r.external) {
        r.mentorSlots.add(new CompletableFuture<>()); // open before anyone can see the question
      }
      LoopStatus next = asks && !lastQuestion ? LoopStatus.RUNNING_MENTOR : state.status();
      update(r, next, iteration, history, state.mentorNotes());
      fire(new LoopEvent.StudentReported(output, state));
    }
    return output;
  }

  private MentorAnswer mentorStep(Run r, Agents agents, int iteration, StudentOutput output)
      throws AgentException, InterruptedException {
    MentorTask task;
    synchronized (lock) {
      ensureCurrent(r);
      if (r.mentorByCallback() && r.mentorSlots.isEmpty()) {
        r.mentorSlots.add(new CompletableFuture<>());
      }
      task =
          new MentorTask(
              r.loopId,
              iteration,
              r.request.tutorial(),
              r.request.config(),
              output,
              state.mentorNotes());
    }
    MentorAnswer answer = withRetries(r, () -> agents.mentor().advise(task));
    synchronized (lock) {
      ensureCurrent(r);
      Instant now = clock.instant();
      String question =
          output.questionForMentor() != null ? output.questionForMentor() : output.problem();
      List<MentorNote> notes = new ArrayList<>(state.mentorNotes());
      notes.add(new MentorNote(iteration, question, answer.notes(), now, locationOf(output)));
      List<IterationRecord> history = new ArrayList<>(state.history());
      IterationRecord last = history.remove(history.size() - 1);
      history.add(
          new IterationRecord(
              last.iteration(), last.studentOutput(), answer.notes(), last.startedAt(), now));
      update(r, state.status(), iteration, history, notes);
      fire(new LoopEvent.MentorAnswered(answer.notes(), state));
    }
    return answer;
  }

  private Agents externalAgents(Run r) {
    return new Agents(
        task -> {
          CompletableFuture<StudentOutput> slot;
          synchronized (lock) {
            ensureCurrent(r);
            slot = r.studentSlots.peekFirst();
            update(
                r,
                LoopStatus.WAITING_FOR_STUDENT,
                state.iteration(),
                state.history(),
                state.mentorNotes());
          }
          try {
            return await(slot, r, "external student");
          } finally {
            synchronized (lock) {
              r.studentSlots.remove(slot);
            }
          }
        },
        task -> {
          CompletableFuture<MentorAnswer> slot;
          synchronized (lock) {
            ensureCurrent(r);
            slot = r.mentorSlots.peekFirst();
            update(
                r,
                LoopStatus.WAITING_FOR_MENTOR,
                state.iteration(),
                state.history(),
                state.mentorNotes());
          }
          try {
            return await(slot, r, r.external ? "external mentor" : "human mentor");
          } finally {
            synchronized (lock) {
              r.mentorSlots.remove(slot);
            }
          }
        });
  }

  private static <T> T await(CompletableFuture<T> slot, Run r, String role)
      throws AgentException, InterruptedException {
    int seconds = r.request.config().studentBehavior().timeoutSeconds();
    try {
      return slot.get(seconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw AgentException.stepTimeout(
          "step timeout: the " + role + " did not report within " + seconds + " s");
    } catch (CancellationException e) {
      throw new LoopEnded();
    } catch (ExecutionException e) {
      throw AgentException.fatal("the " + role + " failed: " + e.getCause());
    }
  }

  /** Runs an agent call, retrying transient failures with exponential backoff. */
  private <T> T withRetries(Run r, AgentCall<T> call) throws AgentException, InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.run();
      } catch (AgentException e) {
        if (e.kind() != AgentException.Kind.TRANSIENT || attempt >= settings.transientRetries()) {
          throw e;
        }
        Duration pause = settings.backoffBase().multipliedBy(1L << attempt);
        synchronized (lock) {
          ensureCurrent(r);
          fire(
              new LoopEvent.LoopError(
                  "transient agent failure, retry "
                      + (attempt + 1)
                      + " of "
                      + settings.transientRetries()
                      + " in "
                      + pause.toMillis()
                      + " ms: "
                      + e.getMessage(),
                  state));
        }
        Thread.sleep(pause.toMillis());
      }
    }
  }

  private void progress(Run r, int iteration, CommandRecord command) {
    synchronized (lock) {
      if (run == r && state.status().isActive()) {
        fire(new LoopEvent.StudentProgress(iteration, command, state));
      }
    }
  }

  // ---------------------------------------------------------------- transitions

  /** Moves to a terminal status once; later calls for the same run do nothing. */
  private void end(Run r, LoopStatus status, String reason) {
    synchronized (lock) {
      if (run != r || state.status().isTerminal()) {
        return;
      }
      update(r, status, state.iteration(), state.history(), state.mentorNotes(), reason);
      if (status == LoopStatus.ERROR
          || status == LoopStatus.TIMEOUT
          || status == LoopStatus.AGENT_ERROR) {
        fire(new LoopEvent.LoopError(reason, state));
      }
      halt(r);
      try {
        // Success and an explicit stop remove the state; every other ending keeps it to inspect.
        boolean remove = status == LoopStatus.COMPLETED || status == LoopStatus.STOPPED;
        r.writer.finish(remove ? null : snapshotOf(r));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not finish the state file", e);
      }
      // Reports can take a while for a long loop: write them off the lock and off the caller's
      // thread, then announce the end, so loop_complete still means "the reports are there".
      LoopSnapshot finished = new LoopSnapshot(state, r.request.tutorial(), r.request.config());
      r.finishing = true;
      try {
        executor.execute(() -> publish(r, finished));
      } catch (RejectedExecutionException e) {
        publish(r, finished);
      }
    }
  }

  private void publish(Run r, LoopSnapshot finished) {
    String failure = null;
    String reports = null;
    try {
      reports = onFinish.apply(finished);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "could not write the reports of loop " + r.loopId, e);
      failure = e.getMessage();
    }
    synchronized (lock) {
      LoopState last = finished.state();
      last =
          new LoopState(
              last.loopId(),
              last.status(),
              last.iteration(),
              last.maxIterations(),
              last.tutorial(),
              last.mentorNotes(),
              last.history(),
              last.startedAt(),
              last.updatedAt(),
              last.reason(),
              reports);
      if (run == r) {
        state = last; // same status: the reports' location is all that changed
      }
      if (failure != null) {
        fire(new LoopEvent.LoopError("could not write the reports: " + failure, last));
      }
      fire(new LoopEvent.LoopCompleted(last.status(), last.reason(), last.iteration(), last));
      r.finishing = false;
      lock.notifyAll();
    }
  }

  private void update(
      Run r,
      LoopStatus status,
      int iteration,
      List<IterationRecord> history,
      List<MentorNote> notes) {
    update(r, status, iteration, history, notes, state.reason());
  }

  private void update(
      Run r,
      LoopStatus status,
      int iteration,
      List<IterationRecord> history,
      List<MentorNote> notes,
      String reason) {
    if (status != state.status()) {
      LoopTransitions.check(state.status(), status);
    }
    state =
        new LoopState(
            state.loopId(),
            status,
            iteration,
            state.maxIterations(),
            state.tutorial(),
            notes,
            history,
            state.startedAt(),
            clock.instant(),
            reason,
            null);
    persist(r);
  }

  private void persist(Run r) {
    if (!state.status().isTerminal()) {
      r.writer.submit(snapshotOf(r)); // end() writes the terminal state itself
    }
  }

  private PersistedLoop snapshotOf(Run r) {
    return new PersistedLoop(r.request.config(), r.request.tutorial(), state);
  }

  private void fire(LoopEvent event) {
    try {
      events.accept(event);
    } catch (RuntimeException e) {
      // An observer's failure must never disturb the loop.
      LOG.log(Level.WARNING, "an observer failed on " + event.getClass().getSimpleName(), e);
    }
  }

  private void ensureCurrent(Run r) {
    if (run != r || !state.status().isActive()) {
      throw new LoopEnded();
    }
  }

  private String completedSummary(int iteration) {
    long asked = state.history().stream().filter(h -> h.mentorOutput() != null).count();
    return "the Student completed the tutorial in "
        + iteration
        + (iteration == 1 ? " iteration" : " iterations")
        + (asked == 0
            ? " without help"
            : " after asking the Mentor " + asked + (asked == 1 ? " time" : " times"));
  }

  /** Where the Student was stuck; line 0 (unknown) with its step when it named no line. */
  private static TutorialLocation locationOf(StudentOutput output) {
    if (output.location() != null) {
      return output.location();
    }
    return new TutorialLocation(
        0, "", output.currentStep() == null ? "" : output.currentStep().strip());
  }

  private static String describe(StudentOutput output) {
    String what = output.reason() != null ? output.reason() : output.problem();
    String step = output.currentStep() == null ? "" : output.currentStep().strip();
    String where = step.isEmpty() ? "" : " (at " + step + ")";
    return (what == null ? "no reason given" : what) + where;
  }

  @FunctionalInterface
  private interface AgentCall<T> {
    T run() throws AgentException, InterruptedException;
  }

  /** Thrown inside the loop thread when the loop was ended from outside (stop, timeout). */
  private static final class LoopEnded extends RuntimeException {
    LoopEnded() {
      super(null, null, false, false);
    }
  }

  private static final class Run {
    final String loopId;
    final LoopRequest request;
    final StateWriter writer;
    final boolean external;

    /** A person answers as Mentor through the mentor callback (mentor mode human). */
    final boolean humanMentor;

    /** Open callback slots in the order the loop will consume them (guarded by the lock). */
    final Deque<CompletableFuture<StudentOutput>> studentSlots = new ArrayDeque<>();

    final Deque<CompletableFuture<MentorAnswer>> mentorSlots = new ArrayDeque<>();

    /** True from the terminal transition until the reports are written and loop_complete fired. */
    boolean finishing;

    /**
     * Student results received so far, counting resumed iterations: the iteration a mentor answers.
     */
    int studentReports;

    volatile Thread thread;
    Future<?> task;
    ScheduledFuture<?> deadline;

    Run(
        String loopId,
        LoopRequest request,
        StateWriter writer,
        boolean external,
        boolean humanMentor) {
      this.loopId = loopId;
      this.request = request;
      this.writer = writer;
      this.external = external;
      this.humanMentor = humanMentor;
    }

    boolean mentorByCallback() {
      return external || humanMentor;
    }
  }
}
