package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import java.util.Optional;
import java.util.Set;

/**
 * Tells failures caused by this machine from gaps in the tutorial (shared contract 3). This is the
 * minimal version the Student compiles against: it knows sandbox limits only; the Mentor's full
 * classifier (network, container daemon, read-only system, declared prerequisites) replaces it.
 */
public final class EnvironmentCauses {

  private EnvironmentCauses() {}

  public static Optional<EnvironmentFinding> classify(
      CommandRecord failed, String step, Set<String> declaredTools) {
    if (failed == null || failed.limit() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new EnvironmentFinding(
            "sandbox_limit",
            failed.line(),
            null,
            step,
            failed.command(),
            failed.limit(),
            "raise the sandbox limit or run the tutorial on a larger machine"));
  }
}
