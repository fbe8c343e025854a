package dev.smileloop.model.control;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.entity.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * SMILE's tools for a model-API Student. Every file and shell tool runs in the attempt's persistent
 * sandboxed {@link ShellSession} with the per-command timeout, and is recorded as a {@link
 * CommandRecord} exactly like a built-in learner command (and streamed to {@code progress}). Paths
 * must stay inside the workspace (or the read-only tutorial folder, for reading).
 */
final class StudentTools {

  static final String RUN_COMMAND = "run_command";
  // The file tools' names are also CommandRecord.FILE_TOOLS: the report tells their records from
  // shell commands by them.
  static final String WRITE_FILE = "write_file";
  static final String READ_FILE = "read_file";
  static final String LIST_FILES = "list_files";

  static final String ASK_MENTOR = "ask_mentor";
  static final String FINISH = "finish";

  private static final int READ_LIMIT = 20_000;

  private final ShellSession shell;
  private final Duration timeout;
  private final Consumer<CommandRecord> progress;
  private final List<CommandRecord> records = new ArrayList<>();

  StudentTools(ShellSession shell, Duration timeout, Consumer<CommandRecord> progress) {
    this.shell = shell;
    this.timeout = timeout;
    this.progress = progress;
  }

  static List<ToolSpecification> specifications() {
    JsonStringSchema text = JsonStringSchema.builder().build();
    return List.of(
        ToolSpecification.builder()
            .name(RUN_COMMAND)
            .description(
                "Runs one shell command (bash) in your persistent terminal in the sandbox and"
                    + " returns its exit code and output.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("command", "the command, exactly as the tutorial gives it")
                    .addIntegerProperty("line", "the tutorial line it comes from, if any")
                    .required("command")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name(WRITE_FILE)
            .description("Creates or replaces a file in your working directory.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("path", "relative to the current directory")
                    .addStringProperty("content", "the whole content")
                    .addIntegerProperty("line", "the tutorial line the file comes from, if any")
                    .required("path", "content")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name(READ_FILE)
            .description("Returns the content of a file in your workspace.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("path", "relative to the current directory")
                    .required("path")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name(LIST_FILES)
            .description("Lists a folder of your workspace.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("path", "relative to the current directory; default .")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name(ASK_MENTOR)
            .description("Stops this attempt to ask the Mentor a question.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("question", "your question")
                    .addStringProperty("step", "the heading of the step you are on")
                    .addIntegerProperty("line", "the tutorial line where you are stuck")
                    .addStringProperty("problem", "what went wrong, with the exact error")
                    .required("question")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name(FINISH)
            .description("Ends this attempt.")
            .parameters(
                JsonObjectSchema.builder()
                    .addEnumProperty("status", List.of("completed", "cannot_complete"))
                    .addStringProperty("summary", "what you accomplished")
                    .addStringProperty("reason", "why you cannot go on (cannot_complete)")
                    .addStringProperty("step", "the heading of the step you ended on")
                    .addProperty(
                        "filesCreated",
                        JsonArraySchema.builder()
                            .description("the files you created")
                            .items(text)
                            .build())
                    .required("status", "summary")
                    .build())
            .build());
  }

  /** Every tool call recorded so far, in order. */
  List<CommandRecord> records() {
    return List.copyOf(records);
  }

  String runCommand(String command, int line, String step)
      throws IOException, InterruptedException {
    CommandResult result = shell.run(command, timeout);
    record(command, line, step, result);
    return "exit code "
        + result.exitCode()
        + (result.timedOut() ? " (timed out after " + timeout.toSeconds() + " s, killed)" : "")
        + "\n"
        + result.output();
  }

  String writeFile(String path, String content, int line, String step)
      throws IOException, InterruptedException {
    String target = inside(path, false);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String quoted = quote(target);
    String command =
        "mkdir -p -- \"$(dirname -- "
            + quoted
            + ")\" && printf '%s' '"
            + Base64.getEncoder().encodeToString(bytes)
            + "' | base64 -d > "
            + quoted;
    CommandResult result = shell.run(command, timeout);
    String shown = "write_file " + path + " (" + bytes.length + " bytes)";
    record(shown, line, step, result);
    return result.succeeded()
        ? "wrote " + bytes.length + " bytes to " + path
        : "could not write " + path + ": exit code " + result.exitCode() + "\n" + result.output();
  }

  String readFile(String path, String step) throws IOException, InterruptedException {
    String target = inside(path, true);
    CommandResult result = shell.run("head -c " + READ_LIMIT + " -- " + quote(target), timeout);
    record("read_file " + path, 0, step, result);
    return result.succeeded()
        ? result.output()
        : "exit code " + result.exitCode() + "\n" + result.output();
  }

  String listFiles(String path, String step) throws IOException, InterruptedException {
    String folder = path == null || path.isBlank() ? "." : path;
    String target = inside(folder, true);
    CommandResult result = shell.run("ls -la -- " + quote(target), timeout);
    record("list_files " + folder, 0, step, result);
    return "exit code " + result.exitCode() + "\n" + result.output();
  }

  /**
   * The path as the sandbox sees it, resolved against the shell's directory.
   *
   * @throws IllegalArgumentException when it leaves the workspace (or, for reading, the tutorial)
   */
  private String inside(String path, boolean reading) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("a path is required");
    }
    Path resolved = Path.of(shell.directory()).resolve(path).normalize();
    Path work = Path.of(shell.paths().work());
    String tutorial = shell.paths().tutorial();
    if (resolved.startsWith(work)
        || (reading && tutorial != null && resolved.startsWith(tutorial))) {
      return resolved.toString();
    }
    throw new IllegalArgumentException(
        path + " is outside your workspace (" + work + "); only paths inside it may be used");
  }

  private void record(String shown, int line, String step, CommandResult result) {
    CommandRecord record =
        new CommandRecord(
            shown,
            Math.max(0, line),
            step,
            result.exitCode(),
            excerpt(result.output()),
            result.durationMillis(),
            result.timedOut(),
            false,
            result.limit());
    records.add(record);
    progress.accept(record);
  }

  /** A refused tool call (a path outside the workspace) is recorded too, as a failure. */
  void refused(String shown, int line, String step, String why) {
    CommandRecord record =
        new CommandRecord(shown, Math.max(0, line), step, 1, why, 0, false, false);
    records.add(record);
    progress.accept(record);
  }

  private static String excerpt(String output) {
    return output == null || output.length() <= 2000 ? output : output.substring(0, 2000) + "…";
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
