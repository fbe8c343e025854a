package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A step installs system packages that are not there. Nothing can be installed in the sandbox, and
 * readers without admin rights cannot either: the packages belong under Prerequisites. Stand-ins
 * are offered where the sandbox has what they need.
 */
final class PackageInstallRule implements MentorRule {

  @Override
  public String name() {
    return "package-install";
  }

  @Override
  public boolean matches(MentorContext context) {
    return context.command() != null && SystemPackages.packages(context.command()).isPresent();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    List<String> packages = SystemPackages.packages(context.command()).orElseThrow();
    List<String> missing = packages.stream().filter(name -> !available(name, context)).toList();
    List<String> named = missing.isEmpty() ? packages : missing;
    String list = named.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    StringBuilder notes = new StringBuilder();
    notes
        .append(context.where())
        .append(" installs system packages and fails: ")
        .append(context.quotedError())
        .append(". The sandbox is read-only and offline, so nothing can be installed there, and ")
        .append(list)
        .append(named.size() == 1 ? " is" : " are")
        .append(" not available. Readers without admin rights cannot run" + " this step either.\n");
    notes
        .append("Fix for the tutorial: list ")
        .append(list)
        .append(" under Prerequisites with the install command");
    String installs =
        named.stream()
            .map(
                name ->
                    ToolCatalog.install(name)
                        .map(i -> "`" + name + "`: " + i.describe())
                        .orElse(null))
            .filter(text -> text != null)
            .collect(Collectors.joining("; "));
    notes
        .append(installs.isEmpty() ? "" : " (" + installs + ")")
        .append(", and let the steps rely on it.");
    List<ToolCatalog.StandIn> standIns =
        named.stream()
            .map(ToolCatalog::standIn)
            .flatMap(Optional::stream)
            .filter(standIn -> context.commands().has(standIn.requires().split(" ")[0]))
            .toList();
    if (!named.isEmpty() && standIns.size() == named.size()) {
      notes
          .append("\nTo go on in the sandbox, define stand-ins before line ")
          .append(context.line())
          .append(":\n")
          .append(
              MentorContext.fixBlock(
                  standIns.stream()
                      .map(ToolCatalog.StandIn::definition)
                      .collect(Collectors.joining("\n"))));
      return new MentorAnswer(notes.toString(), true);
    }
    notes.append("\nThe learner cannot go on without ").append(list).append(": this is a blocker.");
    return new MentorAnswer(notes.toString(), false);
  }

  private static boolean available(String name, MentorContext context) {
    return context.commands().has(name)
        || ToolCatalog.commandsIn(name).stream().anyMatch(context.commands()::has);
  }
}
