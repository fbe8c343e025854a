package dev.smileloop.llm.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.StudentOutputParser;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.llm.control.CliFailures.Cause;
import dev.smileloop.llm.control.CliFailures.Diagnosis;
import dev.smileloop.llm.entity.CliCommand;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmCall.Outcome;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.ProcessTree;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one provider's LLM command-line tool as a non-interactive subprocess: the prompt on standard
 * input (from a file, so no argument-length limit applies and no extra thread is needed to feed
 * it), standard output and error into files, a timeout, and the whole process tree killed on
 * timeout, interrupt and after the tool ends (a server it left in the background included).
 *
 * <p>The tool runs with the environment given here (normally the server's own, because the tool
 * needs its credentials), in a working directory the agent chooses. It is <b>not sandboxed</b>: it
 * has the rights of the server process. Failures are classified as the package documentation
 * describes, and every call that started is recorded in the {@link LlmCallLog}.
 */
public final class CliInvoker {

  /** How much of standard output is read: its end, where the answer is. */
  private static final int STDOUT_LIMIT = 1024 * 1024;

  private static final int STDERR_LIMIT = 64 * 1024;
  private static final int ERROR_OUTPUT_LENGTH = 2000;
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** One invocation: the prompt, where the tool works, where its prompt and output files go. */
  record Request(
      String loopId,
      int iteration,
      LlmRole role,
      String prompt,
      Path workingDirectory,
      Path files,
      Duration timeout) {}

  /** Turns what a tool printed into the agent's answer. */
  @FunctionalInterface
  interface OutputReader<T> {
    Reading<T> read(String stdout);
  }

  /** An agent's answer and, for the Student, how its JSON was recovered. */
  record Reading<T>(T value, String parseStrategy) {}

  private final LlmProvider provider;
  private final CliCommands commands;

  /** The environment variable that tells the tool its role ({@code student} or {@code mentor}). */
  public static final String ROLE_VARIABLE = "SMILE_LLM_ROLE";

  private final Map<String, String> environment;
  private final LlmCallLog log;
  private final Clock clock;
  private final Map<LlmRole, Integer> unknownFailures = new EnumMap<>(LlmRole.class);

  /**
   * @param provider one of the command-line tools ({@code claude}, {@code codex}, {@code gemini})
   * @param commands where the command lines come from
   * @param environment the tool's environment; its {@code PATH} is where the tool is looked up
   * @param log receives every call
   * @param clock stamps and times the calls
   */
  public CliInvoker(
      LlmProvider provider,
      CliCommands commands,
      Map<String, String> environment,
      LlmCallLog log,
      Clock clock) {
    if (!provider.isCommandLineTool()) {
      throw new IllegalArgumentException(
          "llmProvider \"" + provider.wireName() + "\" is not an LLM command-line tool");
    }
    this.provider = provider;
    this.commands = commands;
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.clock = clock;
  }

  /** An invoker with the server's environment and command lines from system properties. */
  public static CliInvoker forProvider(LlmProvider provider, LlmCallLog log, Clock clock) {
    return new CliInvoker(
        provider, CliCommands.fromSystemProperties(), System.getenv(), log, clock);
  }

  public LlmProvider provider() {
    return provider;
  }

  public LlmCallLog log() {
    return log;
  }

  /** The command line a role runs. */
  public CliCommand command(LlmRole role) throws AgentException {
    return commands.command(provider, role);
  }

  /** Checks that both roles' programs can be started; a fatal error names the missing one. */
  public void checkInstalled() throws AgentException {
    for (LlmRole role : LlmRole.values()) {
      executable(command(role));
    }
  }

  /** The program a command line starts, as a path. */
  Path executable(CliCommand command) throws AgentException {
    String program = command.program();
    String origin = command.builtIn() ? "" : " (set by the " + command.source() + ")";
    String advice =
        " Install it"
            + (command.builtIn() ? "" : ", correct the property")
            + ", or use \"llmProvider\": \"builtin\".";
    if (program.contains("/")) {
      Path path = Path.of(program);
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path.toAbsolutePath();
      }
      throw AgentException.fatal(
          "llmProvider \""
              + provider.wireName()
              + "\" needs the command-line tool "
              + program
              + origin
              + ", which does not exist or is not executable."
              + advice);
    }
    String path = environment.getOrDefault("PATH", "");
    return new ExecutableLookup(path)
        .find(program)
        .map(Path::toAbsolutePath)
        .orElseThrow(
            () ->
                AgentException.fatal(
                    "llmProvider \""
                        + provider.wireName()
                        + "\" needs the `"
                        + program
                        + "` command-line tool"
                        + origin
                        + ", which is not on PATH ("
                        + (path.isBlank() ? "PATH is empty" : path)
                        + ")."
                        + advice));
  }

  /**
   * Runs the tool once and reads its answer.
   *
   * @throws AgentException fatal (tool missing, not logged in, command line rejected, an unknown
   *     failure twice in a row), transient (rate limit, overload, network, a first unknown failure,
   *     no output), or a step timeout
   * @throws InterruptedException when the calling thread was interrupted; the tool is killed first
   */
  <T> T invoke(Request request, OutputReader<T> reader)
      throws AgentException, InterruptedException {
    try {
      return invokeOnce(request, reader);
    } catch (AgentException e) {
      if (e.kind() != AgentException.Kind.STEP_TIMEOUT) {
        throw e;
      }
      // A slow call is retried once: one slow answer is no verdict on the tutorial.
      try {
        return invokeOnce(request, reader);
      } catch (AgentException again) {
        if (again.kind() == AgentException.Kind.STEP_TIMEOUT) {
          throw AgentException.stepTimeout(again.getMessage() + " (twice: retried once)");
        }
        throw again;
      }
    }
  }

  private <T> T invokeOnce(Request request, OutputReader<T> reader)
      throws AgentException, InterruptedException {
    String who = who(request.role());
    if (Thread.interrupted()) {
      throw new InterruptedException(who + " was stopped before it started");
    }
    CliCommand command = command(request.role());
    Path program = executable(command);
    List<String> argv = new ArrayList<>(command.argv());
    argv.set(0, program.toString());
    String name = request.role().wireName();
    Path promptFile = request.files().resolve(name + "-prompt.txt");
    Path stdoutFile = request.files().resolve(name + "-stdout.txt");
    Path stderrFile = request.files().resolve(name + "-stderr.txt");
    try {
      Files.createDirectories(request.files());
      Files.createDirectories(request.workingDirectory());
      Files.writeString(promptFile, request.prompt(), UTF_8);
    } catch (IOException e) {
      throw new AgentException(
          AgentException.Kind.FATAL,
          "Cannot prepare the files of " + who + " under " + request.files() + ": " + e,
          e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(request.workingDirectory().toFile())
            .redirectInput(promptFile.toFile())
            .redirectOutput(stdoutFile.toFile())
            .redirectError(stderrFile.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    // A wrapper script serving both roles can tell which one it plays.
    builder.environment().put(ROLE_VARIABLE, request.role().wireName());
    Recorder recorder = new Recorder(request, command, clock.instant());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AgentException(
          AgentException.Kind.FATAL,
          "Cannot start " + who + " (" + program + "): " + e.getMessage(),
          e);
    }
    ProcessTree tree = new ProcessTree(process);
    boolean finished;
    try {
      finished = await(process, tree, request.timeout());
    } catch (InterruptedException e) {
      tree.kill();
      String message = who + " was stopped; it and the processes it started were killed";
      recorder.record(
          null,
          Outcome.INTERRUPTED,
          read(stdoutFile, STDOUT_LIMIT),
          read(stderrFile, STDERR_LIMIT),
          null,
          message);
      InterruptedException interrupted = new InterruptedException(message);
      interrupted.initCause(e);
      throw interrupted;
    }
    // Also after a normal end: whatever the tool left running in the background must not outlive
    // it.
    tree.kill();
    String stdout = read(stdoutFile, STDOUT_LIMIT);
    String stderr = read(stderrFile, STDERR_LIMIT);
    if (!finished) {
      String message =
          "step timeout: "
              + who
              + " did not finish within "
              + request.timeout().toSeconds()
              + (request.role() == LlmRole.MENTOR
                  ? " s (model.mentorTimeoutSeconds)"
                  : " s (studentBehavior.timeoutSeconds)")
              + "; it and the processes it started were killed";
      recorder.record(null, Outcome.TIMEOUT, stdout, stderr, null, message);
      throw AgentException.stepTimeout(message);
    }
    int exitCode = process.exitValue();
    if (exitCode != 0) {
      throw failure(recorder, exitCode, stdout, stderr, CliFailures.diagnose(stdout, stderr));
    }
    if (stdout.isBlank()) {
      throw failure(
          recorder, exitCode, stdout, stderr, new Diagnosis(Cause.UNKNOWN, "it printed nothing"));
    }
    Optional<Diagnosis> errorReply = CliFailures.errorReply(stdout);
    if (errorReply.isPresent()) {
      throw failure(recorder, exitCode, stdout, stderr, errorReply.get());
    }
    Reading<T> reading = reader.read(stdout);
    recorder.record(
        exitCode,
        outcomeOf(reading.parseStrategy()),
        stdout,
        stderr,
        reading.parseStrategy(),
        null);
    resetUnknownFailures(request.role());
    return reading.value();
  }

  /** How a read answer counts: recovered from messy output is {@code repaired}. */
  static Outcome outcomeOf(String parseStrategy) {
    if (parseStrategy == null
        || parseStrategy.equals(StudentOutputParser.DIRECT)
        || parseStrategy.equals(StudentOutputParser.FENCED)
        || parseStrategy.equals(StudentOutputParser.BALANCED)) {
      return Outcome.OK;
    }
    return parseStrategy.equals(StudentOutputParser.UNPARSEABLE)
        ? Outcome.UNPARSEABLE
        : Outcome.REPAIRED;
  }

  private AgentException failure(
      Recorder recorder, int exitCode, String stdout, String stderr, Diagnosis diagnosis) {
    LlmRole role = recorder.request.role();
    String who = who(role);
    String evidence =
        "exit " + exitCode + (diagnosis.evidence().isEmpty() ? "" : ": " + diagnosis.evidence());
    String tool = "the " + provider.wireName() + " command-line tool";
    AgentException failure =
        switch (diagnosis.cause()) {
          case AUTHENTICATION ->
              AgentException.fatal(
                  "llmProvider \""
                      + provider.wireName()
                      + "\": "
                      + tool
                      + " is not logged in or its credentials were rejected ("
                      + evidence
                      + "). "
                      + loginAdvice()
                      + ", then start the loop again.");
          case TEMPORARY ->
              AgentException.transientFailure(
                  who + " failed with a temporary error (" + evidence + ")");
          case USAGE ->
              AgentException.fatal(
                  who
                      + " rejected its command line `"
                      + String.join(" ", CliCommands.redacted(recorder.command.argv()))
                      + "` ("
                      + evidence
                      + "). Adapt it to your "
                      + provider.wireName()
                      + " version with the "
                      + overrideAdvice()
                      + ".");
          case UNKNOWN -> unknownFailure(role, who, evidence, recorder.command);
        };
    if (diagnosis.cause() != Cause.UNKNOWN) {
      resetUnknownFailures(role);
    }
    Outcome outcome =
        failure.kind() == AgentException.Kind.FATAL ? Outcome.FATAL : Outcome.TRANSIENT;
    recorder.record(exitCode, outcome, stdout, stderr, null, failure.getMessage());
    return failure;
  }

  /**
   * The first unknown failure in a row is treated as temporary (the engine retries it); a second
   * one is fatal, because a tool that fails the same unexplained way twice is most likely
   * misconfigured, and retrying would only delay the error.
   */
  private AgentException unknownFailure(
      LlmRole role, String who, String evidence, CliCommand command) {
    int count;
    synchronized (unknownFailures) {
      count = unknownFailures.merge(role, 1, Integer::sum);
    }
    if (count == 1) {
      return AgentException.transientFailure(who + " failed (" + evidence + ")");
    }
    return AgentException.fatal(
        who
            + " failed "
            + count
            + " times in a row without a recognisable reason ("
            + evidence
            + "). Check that `"
            + String.join(" ", CliCommands.redacted(command.argv()))
            + "` works in a terminal with a prompt on standard input, or adapt it with the "
            + overrideAdvice()
            + ".");
  }

  private void resetUnknownFailures(LlmRole role) {
    synchronized (unknownFailures) {
      unknownFailures.remove(role);
    }
  }

  private String overrideAdvice() {
    return "system property "
        + CliCommands.property(provider)
        + " (or "
        + CliCommands.PROPERTY_PREFIX
        + provider.wireName()
        + ".student.command / .mentor.command)";
  }

  private String loginAdvice() {
    return switch (provider) {
      case CLAUDE -> "Run `claude` once in a terminal and log in (or set ANTHROPIC_API_KEY)";
      case CODEX -> "Run `codex login` (or set OPENAI_API_KEY)";
      case GEMINI ->
          "Run `gemini` once in a terminal and choose a login method (or set GEMINI_API_KEY)";
      default -> throw new IllegalStateException("not a command-line tool: " + provider);
    };
  }

  private String who(LlmRole role) {
    return provider.wireName() + " (" + role.wireName() + ")";
  }

  /**
   * Waits for the tool, noting its descendants now and then: often at first, so a tool that starts
   * something in the background and ends at once is still caught, then every 200 ms.
   */
  private static boolean await(Process process, ProcessTree tree, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long poll = FIRST_POLL_NANOS;
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !process.isAlive();
      }
      if (process.waitFor(Math.min(left, poll), TimeUnit.NANOSECONDS)) {
        return true;
      }
      tree.observe();
      poll = Math.min(poll * 2, MAX_POLL_NANOS);
    }
  }

  /** The end of a file, at most {@code limit} bytes, as UTF-8 text; empty when there is none. */
  private static String read(Path file, int limit) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      int length = (int) Math.min(size, limit);
      byte[] bytes = new byte[length];
      in.seek(size - length);
      in.readFully(bytes);
      return new String(bytes, UTF_8);
    } catch (IOException e) {
      // The tool never opened the file (it did not start, or was killed at once): no output.
      return "";
    }
  }

  private static String tail(String text, int length) {
    return text.length() <= length
        ? text
        : "[… "
            + (text.length() - length)
            + " characters omitted …]"
            + text.substring(text.length() - length);
  }

  /** Writes the call record of one invocation once its outcome is known. */
  private final class Recorder {
    final Request request;
    final CliCommand command;
    final Instant startedAt;

    Recorder(Request request, CliCommand command, Instant startedAt) {
      this.request = request;
      this.command = command;
      this.startedAt = startedAt;
    }

    void record(
        Integer exitCode,
        Outcome outcome,
        String stdout,
        String stderr,
        String strategy,
        String message) {
      log.record(
          new LlmCall(
              request.loopId(),
              request.iteration(),
              request.role(),
              provider.wireName(),
              CliCommands.redacted(command.argv()),
              startedAt,
              Math.max(0, Duration.between(startedAt, clock.instant()).toMillis()),
              exitCode,
              outcome,
              request.prompt().length(),
              stdout.length(),
              strategy,
              tail(stdout, LlmCall.OUTPUT_LIMIT),
              tail(stderr.strip(), ERROR_OUTPUT_LENGTH),
              message,
              LlmCall.Usage.none()));
    }
  }
}
