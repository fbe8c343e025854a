package dev.smileloop.learner.student;

import dev.smileloop.learner.control.OutputText;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.sandbox.entity.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves a file body where the tutorial says, relative to the shell's current directory, through the
 * shell itself (so it lands inside the sandbox); a file that cannot be saved is a difficulty.
 */
final class FileSaver {

  private final Terminal terminal;
  private final AttemptLog log;
  private final Problems problems;
  private int saved;

  FileSaver(Terminal terminal, AttemptLog log, Problems problems) {
    this.terminal = terminal;
    this.log = log;
    this.problems = problems;
  }

  /** Saves the block; false when that failed (and the difficulty is recorded). */
  Difficulty save(Step step, CodeBlock block) throws IOException, InterruptedException {
    String target = block.targetFile();
    Path source = terminal.shell().workspace().logs().resolve("file-" + (++saved) + ".txt");
    Files.writeString(source, block.content() + "\n", StandardCharsets.UTF_8);
    String inside = terminal.shell().paths().logs() + "/" + source.getFileName();
    String destination =
        target.startsWith("~/") ? "\"$HOME\"/" + quote(target.substring(2)) : quote(target);
    String makeFolder =
        target.contains("/") ? "mkdir -p -- \"$(dirname -- " + destination + ")\" && " : "";
    String save =
        makeFolder + "cat -- " + quote(inside) + (block.append() ? " >> " : " > ") + destination;
    CommandResult result = terminal.check(save);
    if (result.succeeded()) {
      log.files.add(shown(target, result.directory()));
      return null;
    }
    String what = (block.append() ? "add the block to `" : "save the block as `") + target + "`";
    log.tried(
        "tried to "
            + what
            + " (line "
            + block.fenceLine()
            + "): "
            + OutputText.keyLine(result.output()));
    return new Difficulty(
        StuckTrigger.COMMAND_FAILURE,
        problems.location(block.fenceLine(), step),
        what,
        result,
        "could not " + what + ": " + OutputText.keyLine(result.output()),
        1,
        List.of(),
        log.fixedLines.get(block.fenceLine()));
  }

  private String shown(String target, String directory) {
    if (target.startsWith("/") || target.startsWith("~/")) {
      return target;
    }
    String work = terminal.shell().paths().work();
    if (directory.equals(work)) {
      return target;
    }
    if (directory.startsWith(work + "/")) {
      return directory.substring(work.length() + 1) + "/" + target;
    }
    return directory + "/" + target;
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
