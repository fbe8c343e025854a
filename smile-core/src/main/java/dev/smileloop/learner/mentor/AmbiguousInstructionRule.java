package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Paragraph;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An instruction without a concrete action. Where the context says what is meant, give the exact
 * command: "make it runnable/executable" after a script was saved means {@code chmod +x} on it.
 * Otherwise tell the learner to read on and the author to write the exact command.
 */
final class AmbiguousInstructionRule implements MentorRule {

  private static final Pattern RUNNABLE =
      Pattern.compile(
          "(?i)\\b(runnable|executable|execute|executing|run it directly|run the script|launch|permission|permissions|chmod)\\b");
  private static final Pattern SCRIPT_NAME =
      Pattern.compile("(?i).*\\.(sh|bash|py|pl|rb|js|mjs|php)$");

  @Override
  public String name() {
    return "ambiguous-instruction";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.trigger() == StuckTrigger.AMBIGUOUS_INSTRUCTION;
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    Optional<Step> step = context.structure().stepAt(context.line());
    String stepText =
        step.map(
                s ->
                    s.heading()
                        + " "
                        + String.join(" ", s.paragraphs().stream().map(Paragraph::text).toList()))
            .orElse("");
    String sentence = context.location() == null ? "" : context.location().quote();
    Optional<CodeBlock> script = lastScript(context);
    if (RUNNABLE.matcher(stepText).find() && script.isPresent()) {
      String file = script.get().targetFile();
      return new MentorAnswer(
          "Line "
              + context.line()
              + " (\""
              + sentence
              + "\") does not say what to do. From the context it means: make `"
              + file
              + "` (saved at line "
              + script.get().fenceLine()
              + ") executable.\n"
              + "Fix for the tutorial: replace the vague sentence with the exact command `chmod +x "
              + file
              + "`.\n"
              + "To go on, run it at line "
              + context.line()
              + ":\n"
              + MentorContext.fixBlock("chmod +x " + file),
          true);
    }
    return new MentorAnswer(
        "Line "
            + context.line()
            + " (\""
            + sentence
            + "\") asks for an action without saying which: no command, file or value.\n"
            + "Fix for the tutorial: give the exact command, or the exact file and setting to change.\n"
            + "Nothing to run for now: read on with the next step; if a later step fails, that shows what was meant.",
        true);
  }

  private static Optional<CodeBlock> lastScript(MentorContext context) {
    List<CodeBlock> files = context.structure().fileBlocksBefore(context.line());
    for (int i = files.size() - 1; i >= 0; i--) {
      CodeBlock block = files.get(i);
      boolean shebang = !block.lines().isEmpty() && block.lines().get(0).startsWith("#!");
      if (shebang || SCRIPT_NAME.matcher(block.targetFile()).matches()) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }
}
