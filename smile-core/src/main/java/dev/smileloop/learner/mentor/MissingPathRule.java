package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file or folder the command needs does not exist. If no earlier step creates it, the tutorial
 * skipped that step (a folder can be created as a fix); if one does, the shell is probably in
 * another directory.
 */
final class MissingPathRule implements MentorRule {

  private static final Pattern CD =
      Pattern.compile("(?m)^bash: cd: ([^:\\n]+): No such file or directory");
  private static final Pattern PROGRAM =
      Pattern.compile(
          "(?m)^bash: ([^:\\n]*/[^:\\n]*|[^:\\s]+\\.[\\w]+): No such file or directory");
  private static final Pattern TOOL =
      Pattern.compile(
          "(?m)^[\\w.-]+: (?:cannot (?:open|access|stat) |can't open (?:file )?)?['‘\"]?([^'’\":\\n]+?)['’\"]?(?:: \\[Errno 2\\])?: No such file or directory");
  private static final Pattern PYTHON =
      Pattern.compile("can't open file ['\"]([^'\"]+)['\"]: \\[Errno 2\\]");

  private record Missing(String path, boolean folder) {}

  @Override
  public String name() {
    return "missing-file-or-folder";
  }

  @Override
  public boolean matches(MentorContext context) {
    return missing(context).isPresent();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    Missing missing = missing(context).orElseThrow();
    String path = missing.path();
    Optional<String> creator = creator(context, path);
    String kind = missing.folder() ? "folder" : "file";
    if (creator.isPresent()) {
      return new MentorAnswer(
          context.where()
              + " needs the "
              + kind
              + " `"
              + path
              + "`, which does not exist at that point: "
              + context.quotedError()
              + ". "
              + creator.get()
              + " creates it, so the shell is most likely in a"
              + " different folder by now, or that step did not work.\n"
              + "Fix for the tutorial: say which folder each command runs in (add the `cd` it needs), or use the"
              + " path relative to where the shell is.",
          false);
    }
    if (missing.folder()) {
      return new MentorAnswer(
          context.where()
              + " needs the folder `"
              + path
              + "`, which no earlier step creates: "
              + context.quotedError()
              + ".\n"
              + "Fix for the tutorial: add the step that creates it before line "
              + context.line()
              + " (`mkdir -p "
              + path
              + "`).\n"
              + "To go on, create it before line "
              + context.line()
              + ":\n"
              + MentorContext.fixBlock("mkdir -p -- " + path),
          true);
    }
    return new MentorAnswer(
        context.where()
            + " needs the file `"
            + path
            + "`, which no earlier step creates: "
            + context.quotedError()
            + ".\n"
            + "Fix for the tutorial: add the step that creates `"
            + path
            + "` (with its content) before line "
            + context.line()
            + ". Its content cannot be guessed, so the learner cannot go on.",
        false);
  }

  private static Optional<Missing> missing(MentorContext context) {
    String text = context.text();
    if (!text.contains("No such file or directory")) {
      return Optional.empty();
    }
    Matcher cd = CD.matcher(text);
    if (cd.find()) {
      return Optional.of(new Missing(cd.group(1).strip(), true));
    }
    String command = context.command() == null ? "" : context.command();
    Matcher program = PROGRAM.matcher(text);
    if (program.find()) {
      String path = program.group(1).strip();
      boolean redirected = Pattern.compile(">\\s*" + Pattern.quote(path)).matcher(command).find();
      if (redirected && path.contains("/")) {
        return Optional.of(new Missing(path.substring(0, path.lastIndexOf('/')), true));
      }
      return Optional.of(new Missing(path, false));
    }
    Matcher python = PYTHON.matcher(text);
    if (python.find()) {
      return Optional.of(new Missing(relative(python.group(1)), false));
    }
    Matcher tool = TOOL.matcher(text);
    if (tool.find() && !tool.group(1).isBlank() && !FailureText.missingCommand(text).isPresent()) {
      String path = relative(tool.group(1).strip());
      return Optional.of(new Missing(path, path.endsWith("/")));
    }
    return Optional.empty();
  }

  /** Paths inside the sandbox's workspace shown as the reader would write them. */
  private static String relative(String path) {
    return path.replaceFirst("^/tmp/smile/work/", "");
  }

  /** The earlier step that creates {@code path}, described, if any. */
  private static Optional<String> creator(MentorContext context, String path) {
    String name = path.replaceFirst("^\\./", "");
    int line = context.line();
    List<CodeBlock> files = context.structure().fileBlocksBefore(line);
    for (CodeBlock file : files) {
      if (file.targetFile().replaceFirst("^\\./", "").equals(name)
          || file.targetFile().endsWith("/" + name)) {
        return Optional.of("Line " + file.fenceLine() + " (saving `" + file.targetFile() + "`)");
      }
    }
    Pattern mentioned = Pattern.compile("(?<![\\w./-])" + Pattern.quote(name) + "(?![\\w-])");
    for (Command command : context.structure().commandsBefore(line)) {
      if (mentioned.matcher(command.text()).find()
          && command
              .text()
              .matches(
                  "(?s).*\\b(mkdir|touch|cp|mv|git clone|tee|curl|wget|tar|unzip)\\b.*|(?s).*>.*")) {
        return Optional.of(
            "Line " + command.line() + " (`" + FailureText.shortCommand(command.text()) + "`)");
      }
    }
    return Optional.empty();
  }
}
