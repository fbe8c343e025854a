package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.Set;

/** {@code python} or {@code pip} missing where {@code python3} exists: write {@code python3}. */
final class PythonCommandRule implements MentorRule {

  private static final Set<String> NAMES = Set.of("python", "pip", "pip3");

  @Override
  public String name() {
    return "python-vs-python3";
  }

  @Override
  public boolean matches(MentorContext context) {
    String missing = FailureText.missingCommand(context.text()).orElse(null);
    return missing != null && NAMES.contains(missing) && context.commands().has("python3");
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    String missing = FailureText.missingCommand(context.text()).orElseThrow();
    ToolCatalog.StandIn standIn = ToolCatalog.standIn(missing).orElseThrow();
    return new MentorAnswer(
        context.where()
            + " calls `"
            + missing
            + "`, which does not exist here: "
            + context.quotedError()
            + ".\n"
            + "Current Debian, Ubuntu and macOS only install `python3` (and `python3 -m pip`); the bare `"
            + missing
            + "` name is optional.\n"
            + "Fix for the tutorial: write `"
            + standIn.alternative()
            + "` instead of `"
            + missing
            + "` everywhere, or list `python-is-python3` (Debian/Ubuntu) as a prerequisite.\n"
            + "To go on, define `"
            + missing
            + "` before line "
            + context.line()
            + " (it "
            + standIn.explanation()
            + "):\n"
            + MentorContext.fixBlock(standIn.definition()),
        true);
  }
}
