package dev.smileloop.report.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import dev.smileloop.report.entity.WriteResult;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes the five report files of a finished loop into an output folder (SPEC section 7). Each file
 * is written to a temporary file beside it and moved into place atomically, so a reader never sees
 * half a report; a failed write is retried after a short pause; and when a file still cannot be
 * written, the Markdown report goes to standard output (SPEC E16), so the report is never lost.
 */
public final class ReportWriter {

  public static final int DEFAULT_ATTEMPTS = 3;
  public static final Duration DEFAULT_PAUSE = Duration.ofMillis(250);

  private final ReportBuilder builder;
  private final ReportRenderer renderer;
  private final Clock clock;
  private final int attempts;
  private final Duration pause;
  private final Supplier<PrintStream> stdout;

  /** A writer with the default builder and renderer, three attempts, printing to System.out. */
  public ReportWriter(Clock clock) {
    this(
        new ReportBuilder(),
        new ReportRenderer(),
        clock,
        DEFAULT_ATTEMPTS,
        DEFAULT_PAUSE,
        () -> System.out);
  }

  /**
   * A writer with everything chosen. {@code stdout} is asked for its stream only when the report
   * has to be printed, so a redirected {@code System.out} is honoured.
   */
  public ReportWriter(
      ReportBuilder builder,
      ReportRenderer renderer,
      Clock clock,
      int attempts,
      Duration pause,
      Supplier<PrintStream> stdout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    this.builder = Objects.requireNonNull(builder);
    this.renderer = Objects.requireNonNull(renderer);
    this.clock = Objects.requireNonNull(clock);
    this.attempts = attempts;
    this.pause = Objects.requireNonNull(pause);
    this.stdout = Objects.requireNonNull(stdout);
  }

  /** Builds the report of a loop and writes all five files into {@code outputDir}. */
  public WriteResult write(LoopState state, Tutorial tutorial, SmileConfig config, Path outputDir) {
    return write(builder.build(state, tutorial, config, clock), outputDir);
  }

  /** Writes all five files of a report into {@code outputDir}, creating it when missing. */
  public WriteResult write(Report report, Path outputDir) {
    Map<ReportFormat, String> contents = new EnumMap<>(ReportFormat.class);
    Map<ReportFormat, Path> written = new EnumMap<>(ReportFormat.class);
    List<WriteResult.Failure> failures = new ArrayList<>();
    for (ReportFormat format : ReportFormat.values()) {
      Path target = outputDir.resolve(format.fileName());
      String content;
      try {
        content = renderer.render(report, format);
      } catch (RuntimeException e) {
        // A renderer bug must not cost the other formats; it is reported like a failed write.
        failures.add(
            new WriteResult.Failure(format, target, 0, "could not render: " + describe(e)));
        continue;
      }
      contents.put(format, content);
      String error = writeWithRetries(outputDir, target, content);
      if (error == null) {
        written.put(format, target);
      } else {
        failures.add(new WriteResult.Failure(format, target, attempts, error));
      }
    }
    boolean printed = false;
    if (!failures.isEmpty()) {
      printed = printFallback(outputDir, contents, failures);
    }
    return new WriteResult(report, outputDir, written, failures, printed);
  }

  /** Writes one file, retrying; null when written, else the last error. */
  private String writeWithRetries(Path dir, Path target, String content) {
    String error = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        writeAtomically(dir, target, content);
        return null;
      } catch (IOException | RuntimeException e) {
        error = describe(e);
      }
      if (attempt < attempts && !sleep()) {
        return error + " (interrupted before retrying)";
      }
    }
    return error;
  }

  private static void writeAtomically(Path dir, Path target, String content) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      readableByAll(temp); // temporary files start private; a report is meant to be shared
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private boolean sleep() {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean printFallback(
      Path dir, Map<ReportFormat, String> contents, List<WriteResult.Failure> failures) {
    String body = contents.get(ReportFormat.MARKDOWN);
    if (body == null) {
      body = contents.get(ReportFormat.JSON);
    }
    if (body == null) {
      return false;
    }
    List<String> names = failures.stream().map(f -> f.format().fileName()).toList();
    PrintStream out = stdout.get();
    out.println(
        "SMILE: could not write "
            + String.join(", ", names)
            + " to "
            + dir
            + " ("
            + failures.get(0).message()
            + "); the report follows on standard output.");
    out.println(body.stripTrailing());
    out.println("SMILE: end of report.");
    out.flush();
    return true;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
