package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code mentor-rules.tsv}: a known failure of one tool, recognised by its output (and
 * optionally by the command), answered with a diagnosis, the fix for the tutorial and, where one
 * works in the sandbox, a fix block. The quoted error is the output line the pattern matched: the
 * line that names the problem.
 */
record TableRule(
    String id,
    String tool,
    boolean first,
    Pattern output,
    Pattern command,
    String diagnosis,
    String fix,
    String sandboxFix)
    implements MentorRule {

  /** A sandbox fix that means: nothing to run, carry on with the next step. */
  static final String READ_ON = "read-on";

  @Override
  public String name() {
    return id;
  }

  @Override
  public boolean matches(MentorContext context) {
    if (command != null
        && (context.command() == null || !command.matcher(context.command()).find())) {
      return false;
    }
    return output == null || output.matcher(context.text()).find();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    Matcher match = output == null ? null : output.matcher(context.text());
    boolean found = match != null && match.find();
    String quoted = found ? FailureText.lineMatching(context.text(), output) : context.keyLine();
    String error =
        "'" + quoted + "'" + (context.exitCode() >= 0 ? " (exit " + context.exitCode() + ")" : "");
    StringBuilder notes =
        new StringBuilder(fill(diagnosis, context, found ? match : null, error))
            .append("\nFix for the tutorial: ")
            .append(fill(fix, context, found ? match : null, error));
    if (sandboxFix == null) {
      notes.append("\nThe learner cannot go on past this place: this is a blocker.");
      return new MentorAnswer(notes.toString(), false);
    }
    if (sandboxFix.equals(READ_ON)) {
      notes.append("\nNothing to run for now: read on with the next step.");
      return new MentorAnswer(notes.toString(), true);
    }
    notes
        .append("\nTo go on in the sandbox, run this before line ")
        .append(context.line())
        .append(":\n")
        .append(MentorContext.fixBlock(sandboxFix));
    return new MentorAnswer(notes.toString(), true);
  }

  private static String fill(String template, MentorContext context, Matcher match, String error) {
    String text =
        template
            .replace("{where}", context.where())
            .replace("{error}", error)
            .replace("{line}", String.valueOf(context.line()))
            .replace(
                "{command}",
                context.command() == null
                    ? "the command"
                    : FailureText.shortCommand(context.command()))
            .replace("{network}", context.networkAdvice())
            .replace("{port}", context.port());
    for (int group = 1; group <= 3; group++) {
      String value =
          match != null && group <= match.groupCount() && match.group(group) != null
              ? match.group(group).strip()
              : "";
      text = text.replace("{" + group + "}", value);
    }
    return text;
  }
}
