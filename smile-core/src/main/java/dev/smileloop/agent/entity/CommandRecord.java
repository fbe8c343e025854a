package dev.smileloop.agent.entity;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.Set;

/**
 * One command the Student ran: where it stands in the tutorial ({@code line}, 0 when it came from a
 * Mentor note), its exit code, an excerpt of its output, how long it took, and whether it was a fix
 * the Mentor suggested rather than a tutorial command. {@code limit} names the sandbox limit the
 * command hit ("killed: memory limit 2 GiB"), null when it hit none; JSON omits it when null.
 */
public record CommandRecord(
    String command,
    int line,
    String step,
    int exitCode,
    String outputExcerpt,
    long durationMillis,
    boolean timedOut,
    boolean fromMentor,
    String limit) {

  /**
   * SMILE's own file tools, as a model-API Student's records name them ({@code write_file app.py
   * (12 bytes)}): SMILE wrote or read the file, no program of the tutorial's ran.
   */
  public static final Set<String> FILE_TOOLS = Set.of("write_file", "read_file", "list_files");

  /** The canonical constructor, which JSON-B binds to. */
  @JsonbCreator
  public CommandRecord {}

  /** A command that hit no sandbox limit. */
  public CommandRecord(
      String command,
      int line,
      String step,
      int exitCode,
      String outputExcerpt,
      long durationMillis,
      boolean timedOut,
      boolean fromMentor) {
    this(command, line, step, exitCode, outputExcerpt, durationMillis, timedOut, fromMentor, null);
  }

  /** Whether this records one of SMILE's own file tools rather than a shell command. */
  public boolean smileFileTool() {
    return command != null && FILE_TOOLS.contains(command.strip().split("\\s+", 2)[0]);
  }
}
