package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished loop read for reporting: its iterations in order, each with the Mentor's answer (from
 * the notes, or the iteration's own mentor output) and the best-known time the Student reported.
 * Nothing here is redacted yet.
 */
final class LoopRun {

  private final LoopState state;
  private final List<IterationRecord> iterations;
  private final Map<Integer, Answer> answers;
  private final Map<Integer, Instant> studentCallEnds;

  /** A Mentor answer to the question asked in {@code iteration}. */
  record Answer(int iteration, String question, String text, Instant timestamp) {}

  LoopRun(LoopState state) {
    this(state, Map.of());
  }

  /**
   * @param studentCallEnds per iteration, when the Student's last model call really ended (LLM
   *     Students): its report time instead of an estimate
   */
  LoopRun(LoopState state, Map<Integer, Instant> studentCallEnds) {
    this.studentCallEnds = Map.copyOf(studentCallEnds);
    this.state = state;
    this.iterations =
        state.history().stream()
            .filter(r -> r != null)
            .sorted(Comparator.comparingInt(IterationRecord::iteration))
            .toList();
    this.answers = collectAnswers(state, iterations);
  }

  LoopState state() {
    return state;
  }

  List<IterationRecord> iterations() {
    return iterations;
  }

  /** The Mentor's answer to the question of this iteration, if it gave one. */
  Optional<Answer> answer(int iteration) {
    return Optional.ofNullable(answers.get(iteration));
  }

  /** All answers in iteration order, including notes of iterations the history lacks. */
  List<Answer> answers() {
    return List.copyOf(answers.values());
  }

  /** Notes whose question was asked at a given tutorial line. */
  List<MentorNote> notesAtLine(int line) {
    if (line < 1) {
      return List.of();
    }
    return state.mentorNotes().stream()
        .filter(n -> n.location() != null && n.location().line() == line)
        .toList();
  }

  static List<CommandRecord> commands(IterationRecord record) {
    return record.studentOutput() == null ? List.of() : record.studentOutput().commands();
  }

  /**
   * When the Student reported in an iteration. Nothing records it, so it is estimated as the end of
   * its commands (start plus their durations), never later than the Mentor's answer or the end of
   * the iteration, which both came after it.
   */
  Instant reportedAt(IterationRecord record) {
    Instant called = studentCallEnds.get(record.iteration());
    if (called != null) {
      return called;
    }
    Instant latest =
        earliest(answer(record.iteration()).map(Answer::timestamp).orElse(null), record.endedAt());
    if (record.startedAt() == null) {
      return latest;
    }
    long millis = commands(record).stream().mapToLong(c -> Math.max(0, c.durationMillis())).sum();
    Instant estimate = record.startedAt().plusMillis(millis);
    return latest != null && estimate.isAfter(latest) ? latest : estimate;
  }

  /** When the loop ended: its last update, else the end of its last iteration. */
  Instant endedAt() {
    if (state.updatedAt() != null) {
      return state.updatedAt();
    }
    return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1).endedAt();
  }

  /** The iteration count: the loop's own, or the history's when that is larger. */
  int iterationCount() {
    return Math.max(state.iteration(), iterations.size());
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  private static Map<Integer, Answer> collectAnswers(
      LoopState state, List<IterationRecord> iterations) {
    Map<Integer, Answer> byIteration = new LinkedHashMap<>();
    for (MentorNote note : state.mentorNotes()) {
      if (note == null || blank(note.answer())) {
        continue;
      }
      byIteration.merge(
          note.iteration(),
          new Answer(note.iteration(), note.question(), note.answer(), note.timestamp()),
          (first, second) ->
              new Answer(
                  first.iteration(),
                  first.question(),
                  first.text() + "\n\n" + second.text(),
                  first.timestamp()));
    }
    for (IterationRecord record : iterations) {
      if (!blank(record.mentorOutput()) && !byIteration.containsKey(record.iteration())) {
        String question =
            record.studentOutput() == null ? null : record.studentOutput().questionForMentor();
        byIteration.put(
            record.iteration(),
            new Answer(record.iteration(), question, record.mentorOutput(), record.endedAt()));
      }
    }
    List<Answer> sorted = new ArrayList<>(byIteration.values());
    sorted.sort(Comparator.comparingInt(Answer::iteration));
    Map<Integer, Answer> ordered = new LinkedHashMap<>();
    sorted.forEach(a -> ordered.put(a.iteration(), a));
    return ordered;
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
