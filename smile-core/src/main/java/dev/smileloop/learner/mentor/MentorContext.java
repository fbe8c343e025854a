package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Mentor's rules look at: the question's place in the tutorial, the command that failed
 * there and its output, and the notes already given for the same place. Works with a contract-only
 * Student output too (no location or commands): the rules then read the problem text.
 */
record MentorContext(
    MentorTask task,
    TutorialStructure structure,
    StudentOutput output,
    TutorialLocation location,
    StuckTrigger trigger,
    CommandRecord failed,
    String text,
    ExecutableLookup commands,
    List<MentorNote> earlierHere) {

  private static final Pattern PORT = Pattern.compile("(?i)(?:port\\s+|:)(\\d{2,5})\\b");
  private static final Pattern PORT_ARGUMENT =
      Pattern.compile("(?:--port[= ]|\\s-p\\s*|:)(\\d{2,5})\\b|\\s(\\d{4,5})(?=\\s|$)");

  static MentorContext of(MentorTask task, TutorialStructure structure, ExecutableLookup commands) {
    StudentOutput output = task.studentOutput();
    TutorialLocation location = output.location();
    StuckTrigger trigger = StuckTrigger.parse(output.trigger()).orElse(null);
    CommandRecord failed = failedCommand(output, location).orElse(null);
    String problem = output.problem() == null ? "" : output.problem();
    String text = failed == null ? problem : failed.outputExcerpt() + "\n" + problem;
    List<MentorNote> earlier =
        location == null || location.line() <= 0
            ? List.of()
            : task.mentorNotes().stream()
                .filter(n -> n.location() != null && n.location().line() == location.line())
                .toList();
    return new MentorContext(
        task, structure, output, location, trigger, failed, text, commands, earlier);
  }

  private static Optional<CommandRecord> failedCommand(
      StudentOutput output, TutorialLocation location) {
    List<CommandRecord> records = output.commands();
    for (int i = records.size() - 1; i >= 0; i--) {
      CommandRecord record = records.get(i);
      boolean failedRun = record.exitCode() != 0 || record.timedOut();
      if (!record.fromMentor()
          && failedRun
          && (location == null || record.line() == location.line())) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }

  int line() {
    return location == null ? 0 : location.line();
  }

  String command() {
    return failed == null ? null : failed.command();
  }

  int exitCode() {
    return failed == null ? -1 : failed.exitCode();
  }

  /** "Line 20 (`tree demo`)", or what is known of the place. */
  String where() {
    String step = output.currentStep() == null ? "" : output.currentStep().strip();
    String place =
        line() > 0 ? "Line " + line() : step.isEmpty() ? "This step" : "The step '" + step + "'";
    return command() == null ? place : place + " (`" + FailureText.shortCommand(command()) + "`)";
  }

  String keyLine() {
    return FailureText.namingLine(failed == null ? text : failed.outputExcerpt());
  }

  /** "'tree: command not found' (exit 127)". */
  String quotedError() {
    String key = keyLine();
    return "'" + key + "'" + (exitCode() >= 0 ? " (exit " + exitCode() + ")" : "");
  }

  /** What the user can do about a step that needs the network, given how the sandbox is set. */
  String networkAdvice() {
    return task.config().container().network()
        ? "The sandbox shares the host's network here, and the host could not reach it either."
        : "The sandbox is offline unless \"container\": {\"network\": true} is set in smile.json.";
  }

  /** "port 8000" when the output or the command names the port a server wanted, else "its port". */
  String port() {
    Matcher port = PORT.matcher(text);
    if (port.find()) {
      return "port " + port.group(1);
    }
    Matcher argument = PORT_ARGUMENT.matcher(command() == null ? "" : command());
    if (argument.find()) {
      return "port " + (argument.group(1) != null ? argument.group(1) : argument.group(2));
    }
    return "its port";
  }

  static String fixBlock(String commands) {
    return "```bash\n" + commands.strip() + "\n```";
  }
}
