package dev.smileloop.agent.entity;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.tutorial.entity.Tutorial;
import java.util.List;

/** What the Mentor is given: the tutorial, the Student's report and question, earlier notes. */
public record MentorTask(
    String loopId,
    int iteration,
    Tutorial tutorial,
    SmileConfig config,
    StudentOutput studentOutput,
    List<MentorNote> mentorNotes) {

  public MentorTask {
    mentorNotes = List.copyOf(mentorNotes);
  }
}
