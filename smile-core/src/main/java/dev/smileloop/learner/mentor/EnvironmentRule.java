package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.MentorAnswer;
import java.util.Optional;
import java.util.Set;

/**
 * A failure this machine caused (no network, no container daemon, a read-only system location, a
 * sandbox limit): the tutorial is not to blame and nothing in the sandbox fixes it, so the Mentor
 * says so and what the user can change. A missing declared prerequisite is left to the
 * missing-command rule, which may still offer a stand-in.
 */
final class EnvironmentRule implements MentorRule {

  @Override
  public String name() {
    return "environment";
  }

  @Override
  public boolean matches(MentorContext context) {
    return finding(context)
        .filter(f -> !f.kind().equals(EnvironmentFinding.DECLARED_PREREQUISITE))
        .isPresent();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    EnvironmentFinding finding = finding(context).orElseThrow();
    return new MentorAnswer(
        context.where()
            + " failed because of this machine, not because of the tutorial ("
            + finding.kind()
            + "): '"
            + finding.evidence()
            + "'.\n"
            + finding.advice()
            + "\nThe learner cannot validate this step here: it is an environment finding, not a gap.",
        false);
  }

  static Optional<EnvironmentFinding> finding(MentorContext context) {
    CommandRecord failed = context.failed();
    if (failed == null) {
      // A contract-only output: its problem text is all there is to judge.
      failed =
          new CommandRecord(
              "",
              context.line(),
              context.output().currentStep(),
              1,
              context.text(),
              0,
              false,
              false);
    }
    return EnvironmentCauses.classify(failed, context.output().currentStep(), Set.of());
  }
}
