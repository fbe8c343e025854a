package dev.smileloop.agent.entity;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.tutorial.entity.Tutorial;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Student attempt: the tutorial, the configuration, every Mentor note so far, and where to
 * report each command as it finishes (live progress).
 */
public record StudentTask(
    String loopId,
    int iteration,
    Tutorial tutorial,
    SmileConfig config,
    List<MentorNote> mentorNotes,
    Consumer<CommandRecord> progress) {

  public StudentTask {
    mentorNotes = List.copyOf(mentorNotes);
  }
}
