package dev.smileloop.sandbox.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * One terminal: a single {@code bash} process in a sandbox, fed one command after another, so that
 * {@code cd}, {@code export}, variables and functions carry over as they would for a person.
 *
 * <p>Protocol. Each command is sent on the shell's stdin as one short line that stores the text in
 * a variable and {@code eval}s it in the shell's own context, with stdin from {@code /dev/null} and
 * stdout and stderr appended to {@code logs/session.log} (both opened once per shell, on
 * descriptors bash picks above 9); then the shell prints {@code <token> <n> <status> <directory>}
 * on its own stdout, which only this class reads. The token is random per session, so nothing a
 * command prints can pass for a reply. The session log is a transcript ({@code $ command} followed
 * by its output); a command's output is the part of the log written between its header and its
 * reply, so output of a background job started earlier may show up there, as it would in a
 * terminal. Appending to one file and passing the text inline avoid a file creation per command,
 * which costs more than the command itself on some file systems.
 *
 * <p>A command that ends the shell ({@code exit}, a failure under {@code set -e}) is reported with
 * the shell's exit status; a command that outlives its timeout has its whole process tree killed.
 * Either way the next command gets a fresh shell in the last known working directory, without the
 * variables and functions of the old one. An interrupted caller gets every process killed and an
 * {@link InterruptedException}.
 *
 * <p>Replies are awaited by polling the pipe and parking in short, then growing steps: no extra
 * thread, prompt reaction to interrupts, and little latency for quick commands. Not thread-safe:
 * one caller drives a session.
 */
public final class ShellSession implements AutoCloseable {

  static final int EXCERPT_LIMIT = 4096;
  private static final int EXCERPT_PART = 1900;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KILL_WAIT = Duration.ofSeconds(3);
  private static final String RUN =
      "builtin eval \"$__smile_c\" >&$__smile_o 2>&1 <&$__smile_i;"
          + " builtin echo \"$__smile_t $__smile_n $? $PWD\"";
  private static final long WATCH_INTERVAL = 1_000_000_000L;
  private static final long TRIM_TRANSCRIPT = 8L * 1024 * 1024;
  private static final Pattern SHELL_PREFIX = Pattern.compile("(?m)^bash: (?:eval: )?line \\d+: ");

  private final Sandbox sandbox;
  private final Workspace workspace;
  private final SandboxPaths paths;
  private final String token;
  private final Path transcript;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final byte[] chunk = new byte[4096];

  private Process process;
  private FileOutputStream log;
  private RandomAccessFile logReader;
  private OutputStream input;
  private InputStream output;
  private int sequence;
  private int shells;
  private String directory;
  private long lastFrom = -1;
  private long lastSize;
  private IterationLimits limits = IterationLimits.none();
  private long unwatchedNanos;

  private ShellSession(Sandbox sandbox, Workspace workspace) {
    this.sandbox = sandbox;
    this.workspace = workspace;
    this.paths = sandbox.paths(workspace);
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    this.token = "__smile_" + HexFormat.of().formatHex(random);
    this.transcript = workspace.logs().resolve("session.log");
    this.directory = paths.work();
  }

  /** Starts the shell in the workspace; the caller must close the session. */
  public static ShellSession open(Sandbox sandbox, Workspace workspace)
      throws IOException, InterruptedException {
    ShellSession session = new ShellSession(sandbox, workspace);
    try {
      session.limits = sandbox.limits(workspace);
      session.start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  public Workspace workspace() {
    return workspace;
  }

  public SandboxPaths paths() {
    return paths;
  }

  /** The shell's working directory after the last command, as seen inside the sandbox. */
  public String directory() {
    return directory;
  }

  /** How many shells this session has started (more than one after a shell ended). */
  public int shellsStarted() {
    return shells;
  }

  /**
   * Runs one command (any bash text, also several lines) and waits for it at most {@code timeout}.
   */
  public CommandResult run(String command, Duration timeout)
      throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      destroy();
      throw new InterruptedException("interrupted before a tutorial command ran");
    }
    if (process == null) {
      start();
    }
    int number = ++sequence;
    log.write(("$ " + command.strip() + "\n").getBytes(UTF_8));
    long from = logReader.length();
    long started = System.nanoTime();
    Reply reply =
        send("__smile_n=" + number + ";__smile_c=" + ansiQuote(command) + ";eval \"$__smile_r\"\n")
            ? await(number, started + timeout.toNanos())
            : Reply.ENDED_REPLY;
    long millis = (System.nanoTime() - started) / 1_000_000;
    switch (reply.kind()) {
      case DONE:
        directory = reply.directory();
        unwatchedNanos += System.nanoTime() - started;
        boolean check = unwatchedNanos >= WATCH_INTERVAL;
        if (check) {
          unwatchedNanos = 0;
        }
        return result(command, reply.status(), from, millis, false, false, check, null);
      case TIMED_OUT:
        destroy();
        return result(
            command, CommandResult.TIMEOUT_EXIT_CODE, from, millis, true, true, true, null);
      case OVER_LIMIT:
        destroy();
        return result(command, 137, from, millis, false, true, false, limits.workspaceExceeded());
      default:
        int status = endedStatus();
        destroy();
        return result(command, status, from, millis, false, true, true, null);
    }
  }

  /**
   * The result, with the limit the command hit (if any) named on it and at the end of its output,
   * so whoever reads only the output sees it too.
   */
  private CommandResult result(
      String command,
      int status,
      long from,
      long millis,
      boolean timedOut,
      boolean ended,
      boolean checkWorkspace,
      String knownLimit)
      throws IOException {
    String output = excerpt(from);
    String limit = knownLimit != null ? knownLimit : limits.after(status, output, checkWorkspace);
    if (knownLimit != null) {
      limits.after(status, output, false); // takes note of the kernel's counters
    }
    trimTranscript(from, output);
    if (limit != null) {
      output =
          output.isEmpty() ? "[sandbox: " + limit + "]" : output + "\n[sandbox: " + limit + "]";
    }
    return new CommandResult(command, status, output, millis, timedOut, ended, directory, limit);
  }

  /**
   * A command that printed a lot leaves only its excerpt in the transcript, so output alone cannot
   * fill the disk (and the transcript stays below the file size limit).
   */
  private void trimTranscript(long from, String excerpt) throws IOException {
    if (lastSize <= TRIM_TRANSCRIPT) {
      return;
    }
    try (RandomAccessFile writer = new RandomAccessFile(transcript.toFile(), "rw")) {
      writer.setLength(from);
      writer.seek(from);
      writer.write(
          ("[" + lastSize + " bytes of output, cut to this excerpt]\n" + excerpt + "\n")
              .getBytes(UTF_8));
    }
    lastSize = -1;
  }

  /**
   * The last command's whole output, cleaned like {@link CommandResult#output()} but not cut to its
   * head and tail; empty when no command ran yet or the output is longer than {@code maxBytes}.
   * Read from the transcript, so it costs nothing until someone needs it.
   */
  public Optional<String> lastOutput(int maxBytes) throws IOException {
    if (lastFrom < 0 || lastSize < 0 || lastSize > maxBytes || logReader == null) {
      return Optional.empty();
    }
    return Optional.of(clean(read(logReader, lastFrom, (int) lastSize)));
  }

  @Override
  public void close() throws IOException {
    destroy();
    limits.close();
    if (log != null) {
      log.close();
      logReader.close();
      log = null;
    }
  }

  private void start() throws IOException, InterruptedException {
    shells++;
    pending.reset();
    if (log == null) {
      // Plain streams, not NIO channels: an interrupt must not close the transcript.
      log = new FileOutputStream(transcript.toFile(), true);
      logReader = new RandomAccessFile(transcript.toFile(), "r");
    }
    ProcessBuilder builder = sandbox.shell(workspace, limits);
    Path errors = workspace.logs().resolve("shell-" + shells + ".err");
    builder.redirectError(errors.toFile());
    process = builder.start();
    input = process.getOutputStream();
    output = process.getInputStream();
    String init =
        limits.shellPrelude()
            + "exec {__smile_o}>>"
            + quote(paths.logs() + "/" + transcript.getFileName())
            + " {__smile_i}</dev/null; __smile_t="
            + token
            + "; __smile_r="
            + quote(RUN)
            + "; builtin cd -- "
            + quote(directory)
            + " 2>/dev/null; builtin echo \"$__smile_t 0 0 $PWD\"\n";
    long started = System.nanoTime();
    Reply reply = send(init) ? await(0, started + START_TIMEOUT.toNanos()) : Reply.ENDED_REPLY;
    if (reply.kind() != Reply.Kind.DONE) {
      destroy();
      throw new IOException(
          "The "
              + sandbox.description()
              + " did not start a shell"
              + (reply.kind() == Reply.Kind.TIMED_OUT
                  ? " within " + START_TIMEOUT.toSeconds() + " s"
                  : "")
              + ": "
              + firstLines(errors));
    }
    directory = reply.directory();
  }

  private boolean send(String line) {
    try {
      input.write(line.getBytes(UTF_8));
      input.flush();
      return true;
    } catch (IOException brokenPipe) {
      // The shell has ended; the caller reports that through the shell's exit status.
      return false;
    }
  }

  private Reply await(int number, long deadline) throws IOException, InterruptedException {
    long begin = System.nanoTime();
    long nextWatch = begin + WATCH_INTERVAL;
    while (true) {
      int available = output.available();
      if (available > 0) {
        int read = output.read(chunk, 0, Math.min(available, chunk.length));
        if (read > 0) {
          pending.write(chunk, 0, read);
          Reply reply = takeReply(number);
          if (reply != null) {
            return reply;
          }
        }
        continue;
      }
      if (!process.isAlive()) {
        // The reaper may have moved the last bytes into the stream's buffer just now.
        if (output.available() > 0) {
          continue;
        }
        return Reply.ENDED_REPLY;
      }
      if (Thread.interrupted()) {
        destroy();
        throw new InterruptedException(
            "interrupted while a tutorial command ran; its shell was killed");
      }
      long now = System.nanoTime();
      if (now - deadline >= 0) {
        return Reply.TIMEOUT_REPLY;
      }
      if (number > 0 && now - nextWatch >= 0) {
        if (limits.workspaceOver()) {
          return Reply.OVER_LIMIT_REPLY;
        }
        long took = System.nanoTime() - now;
        unwatchedNanos = 0;
        nextWatch = System.nanoTime() + Math.max(WATCH_INTERVAL, 10 * took);
      }
      pause(now - begin);
    }
  }

  /**
   * A few microseconds of spinning catch builtins ({@code cd}, {@code export}); after that the
   * thread parks in short steps, because spinning on a small machine takes a core from the command
   * itself. Long waits park longer (at most 10 ms, 1% of the time waited).
   */
  private static void pause(long waitedNanos) {
    if (waitedNanos < 20_000) {
      Thread.onSpinWait();
    } else if (waitedNanos < 5_000_000) {
      LockSupport.parkNanos(30_000);
    } else {
      LockSupport.parkNanos(Math.min(waitedNanos / 100, 10_000_000));
    }
  }

  private Reply takeReply(int number) {
    byte[] bytes = pending.toByteArray();
    int lineStart = 0;
    Reply found = null;
    for (int i = 0; i < bytes.length && found == null; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String line = new String(bytes, lineStart, i - lineStart, UTF_8);
      lineStart = i + 1;
      found = parseReply(line, number);
    }
    pending.reset();
    pending.write(bytes, lineStart, bytes.length - lineStart);
    return found;
  }

  private Reply parseReply(String line, int number) {
    if (!line.startsWith(token + " ")) {
      return null;
    }
    String[] parts = line.split(" ", 4);
    if (parts.length < 4 || !parts[1].equals(Integer.toString(number))) {
      return null;
    }
    return new Reply(Reply.Kind.DONE, Integer.parseInt(parts[2]), parts[3]);
  }

  private int endedStatus() throws InterruptedException {
    Process ended = process;
    if (ended.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      return ended.exitValue();
    }
    return -1;
  }

  /** The command's output, cut to head and tail, with the shell's line prefixes removed. */
  private String excerpt(long from) throws IOException {
    long size = logReader.length() - from;
    lastFrom = from;
    lastSize = size;
    String text;
    if (size <= EXCERPT_LIMIT) {
      text = read(logReader, from, (int) size);
    } else {
      text =
          read(logReader, from, EXCERPT_PART)
              + "\n[... "
              + (size - 2L * EXCERPT_PART)
              + " bytes omitted ...]\n"
              + read(logReader, from + size - EXCERPT_PART, EXCERPT_PART);
    }
    return clean(text);
  }

  /**
   * The shell's line prefixes removed ("bash: line 3: x: command not found"), one final newline.
   */
  private static String clean(String text) {
    String cleaned = text;
    if (cleaned.indexOf("line ") >= 0) {
      cleaned = SHELL_PREFIX.matcher(cleaned).replaceAll("bash: ");
    }
    return cleaned.endsWith("\n") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
  }

  private static String read(RandomAccessFile file, long position, int length) throws IOException {
    byte[] bytes = new byte[length];
    file.seek(position);
    int total = 0;
    int read;
    while (total < length && (read = file.read(bytes, total, length - total)) > 0) {
      total += read;
    }
    return new String(bytes, 0, total, UTF_8);
  }

  /**
   * Kills the shell and everything it started. Each process's children are listed before it is
   * killed, so orphans are still found; with bubblewrap, killing the first process already ends the
   * sandbox's whole PID namespace.
   */
  private void destroy() {
    Process ended = process;
    if (ended == null) {
      return;
    }
    process = null;
    new ProcessTree(ended).kill();
  }

  private static String firstLines(Path file) {
    try {
      String text = Files.exists(file) ? Files.readString(file, UTF_8).strip() : "";
      if (text.isEmpty()) {
        return "it wrote no error message";
      }
      return text.length() > 1000 ? text.substring(0, 1000) + " ..." : text;
    } catch (IOException e) {
      return "its error output could not be read (" + e.getMessage() + ")";
    }
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** Bash ANSI-C quoting: the text on one line, whatever it contains. */
  static String ansiQuote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 8).append("$'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> quoted.append("\\\\");
        case '\'' -> quoted.append("\\'");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append('\t');
        default -> {
          if (c < 0x20 || c == 0x7f) {
            quoted.append(String.format("\\x%02x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('\'').toString();
  }

  private record Reply(Kind kind, int status, String directory) {
    enum Kind {
      DONE,
      TIMED_OUT,
      OVER_LIMIT,
      ENDED
    }

    static final Reply TIMEOUT_REPLY = new Reply(Kind.TIMED_OUT, -1, null);
    static final Reply ENDED_REPLY = new Reply(Kind.ENDED, -1, null);
    static final Reply OVER_LIMIT_REPLY = new Reply(Kind.OVER_LIMIT, -1, null);
  }
}
