package dev.smileloop.learner.control;

import dev.smileloop.agent.control.MentorAgent;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;

/**
 * The rule-based Mentor. It reads the Student's question, the failing command and its output, and
 * answers in plain text: what is wrong in the tutorial, the concrete fix to the tutorial's text,
 * and, where one works inside the sandbox, one fenced {@code bash} fix block the built-in learner
 * runs before that place next time. The first matching rule answers, in this order: a place that
 * was already answered (the fix did not help: blocker), timeout, port in use, permission denied,
 * python vs python3, system package install, missing file or folder, missing command, no network,
 * write outside the workspace, keyboard input, ambiguous instruction, anything else (blocker, error
 * quoted).
 */
public final class BuiltinMentor implements MentorAgent {

  private final ExecutableLookup commands;
  private final TutorialParser parser;
  private final List<MentorRule> rules =
      List.of(
          new RepeatedQuestionRule(),
          new TimeoutRule(),
          new PortInUseRule(),
          new PermissionDeniedRule(),
          new PythonCommandRule(),
          new PackageInstallRule(),
          new MissingPathRule(),
          new MissingCommandRule(),
          new NetworkAccessRule(),
          new ReadOnlyLocationRule(),
          new InteractiveInputRule(),
          new AmbiguousInstructionRule(),
          new UnknownProblemRule());

  /** A mentor that offers stand-ins built from what the default sandbox PATH provides. */
  public BuiltinMentor() {
    this(ExecutableLookup.sandbox());
  }

  /**
   * @param sandboxCommands what commands inside the sandbox can find, for stand-ins
   */
  public BuiltinMentor(ExecutableLookup sandboxCommands) {
    this.commands = sandboxCommands;
    this.parser = new TutorialParser(sandboxCommands);
  }

  @Override
  public MentorAnswer advise(MentorTask task) {
    TutorialStructure structure = parser.parse(task.tutorial().markdown());
    MentorContext context = MentorContext.of(task, structure, commands);
    return rules.stream()
        .filter(rule -> rule.matches(context))
        .findFirst()
        .map(rule -> rule.answer(context))
        .orElseThrow();
  }

  /** The rule that answers a task; for tests and audit logs. */
  String ruleFor(MentorTask task) {
    MentorContext context =
        MentorContext.of(task, parser.parse(task.tutorial().markdown()), commands);
    return rules.stream()
        .filter(rule -> rule.matches(context))
        .findFirst()
        .map(MentorRule::name)
        .orElseThrow();
  }
}
