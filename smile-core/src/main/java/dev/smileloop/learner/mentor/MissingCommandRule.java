package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.learner.entity.StuckTrigger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A command that is not installed: name the prerequisite and how it is installed; offer a stand-in
 * built from what the sandbox has, or declare a blocker (nothing can be installed in the read-only,
 * offline sandbox).
 */
final class MissingCommandRule implements MentorRule {

  @Override
  public String name() {
    return "missing-command";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.trigger() == StuckTrigger.MISSING_DEPENDENCY
        || context.exitCode() == 127
        || FailureText.missingCommand(context.text()).isPresent();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    String tool =
        FailureText.missingCommand(context.text())
            .orElse(
                context.command() == null
                    ? "the command"
                    : FailureText.firstWord(context.command()));
    boolean declared =
        DeclaredTools.of(context.structure().document(), List.of())
            .contains(tool.toLowerCase(Locale.ROOT));
    Optional<ToolCatalog.Install> install = ToolCatalog.install(tool);
    StringBuilder notes = new StringBuilder();
    notes
        .append(context.where())
        .append(" needs `")
        .append(tool)
        .append("`, which is not installed: ")
        .append(context.quotedError())
        .append(". ");
    notes.append(
        declared
            ? "The tutorial lists `"
                + tool
                + "` as a prerequisite and this machine lacks it: an environment finding, not a"
                + " gap; saying how to install it still helps readers."
            : "The tutorial never lists `" + tool + "` as a prerequisite.");
    notes
        .append("\nFix for the tutorial: list `")
        .append(tool)
        .append("` under Prerequisites with how to install it");
    notes.append(install.map(i -> " (" + i.describe() + ")").orElse(""));
    Optional<ToolCatalog.StandIn> standIn =
        ToolCatalog.standIn(tool).filter(s -> context.commands().has(s.requires().split(" ")[0]));
    if (standIn.isPresent() && context.command() != null) {
      String instead =
          FailureText.replaceCommandWord(context.command(), tool, standIn.get().alternative());
      if (!instead.equals(context.command())) {
        notes.append(", or use `").append(FailureText.shortCommand(instead)).append("` instead");
      }
    }
    notes.append('.');
    if (standIn.isPresent()) {
      notes
          .append("\nTo go on in the sandbox, define a stand-in before line ")
          .append(context.line())
          .append(" (it ")
          .append(standIn.get().explanation())
          .append("):\n")
          .append(MentorContext.fixBlock(standIn.get().definition()));
      return new MentorAnswer(notes.toString(), true);
    }
    notes
        .append("\n`")
        .append(tool)
        .append(
            "` cannot be installed inside the read-only, offline sandbox, so the"
                + " learner cannot go on: this is a blocker until the tutorial declares it (or avoids it).");
    return new MentorAnswer(notes.toString(), false);
  }
}
