package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.CodeBlock;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A script run by its path that is not executable: the tutorial forgot {@code chmod +x}. */
final class PermissionDeniedRule implements MentorRule {

  private static final Pattern PROGRAM_PATH =
      Pattern.compile("^\\s*((?:\\.{1,2}/|/|~/|[\\w.+-]+/)[\\w./+-]*)");

  @Override
  public String name() {
    return "permission-denied";
  }

  @Override
  public boolean matches(MentorContext context) {
    String program = program(context);
    return program != null
        && (context.exitCode() == 126 || context.text().contains("Permission denied"))
        && context.text().contains(program);
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    String program = program(context);
    String name = Path.of(program).getFileName().toString();
    List<CodeBlock> saved =
        context.structure().fileBlocksBefore(context.line()).stream()
            .filter(block -> Path.of(block.targetFile()).getFileName().toString().equals(name))
            .toList();
    String origin =
        saved.isEmpty()
            ? "The tutorial never makes `" + name + "` executable."
            : "The tutorial saves `"
                + saved.get(saved.size() - 1).targetFile()
                + "` (line "
                + saved.get(saved.size() - 1).fenceLine()
                + ") but never makes it executable.";
    return new MentorAnswer(
        context.where()
            + " fails with "
            + context.quotedError()
            + ". "
            + origin
            + "\n"
            + "Fix for the tutorial: right after the file is created, add the exact command `chmod +x "
            + program
            + "` (or run it as `bash "
            + program
            + "`).\n"
            + "To go on, make it executable before line "
            + context.line()
            + ":\n"
            + MentorContext.fixBlock("chmod +x " + program),
        true);
  }

  private static String program(MentorContext context) {
    if (context.command() == null) {
      return null;
    }
    Matcher path = PROGRAM_PATH.matcher(context.command());
    return path.find() ? path.group(1) : null;
  }
}
