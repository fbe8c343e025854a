package dev.smileloop.learner.student;

import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;

/**
 * A difficulty the learner could not get past on its own. {@code command} is the command that
 * failed, or the vague sentence of an ambiguous instruction (whose {@code result} is null); {@code
 * failures} counts the runs that failed in a row; {@code mentorFix} is the Mentor's fix that was
 * applied at this place and did not help, or null.
 */
record Difficulty(
    StuckTrigger trigger,
    TutorialLocation location,
    String command,
    CommandResult result,
    String problem,
    int failures,
    List<String> tried,
    String mentorFix) {

  Difficulty {
    tried = List.copyOf(tried);
  }
}
