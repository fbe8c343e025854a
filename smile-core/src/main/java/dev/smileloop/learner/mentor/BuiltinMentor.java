package dev.smileloop.learner.mentor;

import dev.smileloop.agent.control.MentorAgent;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The rule-based Mentor. It reads the Student's question, the failing command and its output, and
 * answers in plain text: what is wrong in the tutorial, the concrete fix to the tutorial's text,
 * and, where one works inside the sandbox, one fenced {@code bash} fix block the built-in learner
 * runs before that place next time. The first matching rule answers, in this order: a place that
 * was already answered (the fix did not help: blocker), a failure this machine caused
 * (environment), timeout, the "first" rules of the table {@code mentor-rules.tsv} (known errors of
 * git, make, python, npm, docker, gcc, java, maven, curl, the shell), permission denied, python vs
 * python3, system package install, missing file or folder, missing command, the table's "last"
 * rules (network, read-only location, keyboard input), ambiguous instruction, anything else
 * (blocker, error quoted).
 */
public final class BuiltinMentor implements MentorAgent {

  private final ExecutableLookup commands;
  private final Function<String, TutorialStructure> reader;
  private final List<MentorRule> rules;

  /**
   * @param sandboxCommands what commands inside the sandbox can find, for stand-ins
   * @param reader reads a tutorial's Markdown into its steps (the learner's parser)
   */
  public BuiltinMentor(
      ExecutableLookup sandboxCommands, Function<String, TutorialStructure> reader) {
    this.commands = Objects.requireNonNull(sandboxCommands);
    this.reader = Objects.requireNonNull(reader);
    List<TableRule> table = RuleTable.load();
    List<MentorRule> ordered = new ArrayList<>();
    ordered.add(new RepeatedQuestionRule());
    ordered.add(new EnvironmentRule());
    ordered.add(new TimeoutRule());
    table.stream().filter(TableRule::first).forEach(ordered::add);
    ordered.add(new PermissionDeniedRule());
    ordered.add(new PythonCommandRule());
    ordered.add(new PackageInstallRule());
    ordered.add(new MissingPathRule());
    ordered.add(new MissingCommandRule());
    table.stream().filter(rule -> !rule.first()).forEach(ordered::add);
    ordered.add(new AmbiguousInstructionRule());
    ordered.add(new UnknownProblemRule());
    this.rules = List.copyOf(ordered);
  }

  @Override
  public MentorAnswer advise(MentorTask task) {
    MentorContext context = context(task);
    return rules.stream()
        .filter(rule -> rule.matches(context))
        .findFirst()
        .map(rule -> rule.answer(context))
        .orElseThrow();
  }

  /** The name of the rule that answers a task; for tests and audit logs. */
  public String ruleFor(MentorTask task) {
    MentorContext context = context(task);
    return rules.stream()
        .filter(rule -> rule.matches(context))
        .findFirst()
        .map(MentorRule::name)
        .orElseThrow();
  }

  private MentorContext context(MentorTask task) {
    return MentorContext.of(task, reader.apply(task.tutorial().markdown()), commands);
  }
}
