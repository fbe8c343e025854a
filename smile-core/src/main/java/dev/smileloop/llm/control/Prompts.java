package dev.smileloop.llm.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the Student's and the Mentor's prompts from the templates {@code student-prompt.txt} and
 * {@code mentor-prompt.txt} and the texts in {@code prompt-texts.properties}, all next to this
 * class. The tutorial goes in unchanged, each line prefixed with its number, so answers can point
 * at lines.
 */
public final class Prompts {

  /** What the Mentor writes first when it finds no answer. */
  static final String UNRESOLVABLE_MARKER = "UNRESOLVABLE:";

  private static final PromptTemplate STUDENT = PromptTemplate.load("student-prompt.txt");
  private static final PromptTemplate MODEL_STUDENT =
      PromptTemplate.load("model-student-prompt.txt");
  private static final PromptTemplate MENTOR = PromptTemplate.load("mentor-prompt.txt");
  private static final Properties TEXTS = PromptTemplate.texts("prompt-texts.properties");

  private Prompts() {}

  /** The Student's prompt; {@code work} is its working directory. */
  static String student(StudentTask task, Path work) {
    StudentBehavior behavior = task.config().studentBehavior();
    Tutorial tutorial = task.tutorial();
    return STUDENT.fill(
        Map.of(
            "iteration", Integer.toString(task.iteration()),
            "workDirectory", work.toString(),
            "tutorialFolder", folder("folder.student", tutorial),
            "timeoutSeconds", Integer.toString(behavior.timeoutSeconds()),
            "triggers", triggers(behavior),
            "patience", text("patience." + behavior.patienceLevel().wireName(), Map.of()),
            "mentorNotes", notes(task.mentorNotes()),
            "tutorialName", tutorial.name() == null ? "tutorial" : tutorial.name(),
            "lineCount", Integer.toString(tutorial.lines().size()),
            "tutorial", numbered(tutorial)));
  }

  /**
   * The system prompt of a model-API Student, which acts only through SMILE's tools; {@code work}
   * is its working directory and {@code tutorialFolder} the tutorial's read-only folder (null when
   * there is none), both as the sandbox shows them.
   */
  public static String modelStudent(StudentTask task, String work, String tutorialFolder) {
    StudentBehavior behavior = task.config().studentBehavior();
    Tutorial tutorial = task.tutorial();
    return MODEL_STUDENT.fill(
        Map.of(
            "iteration", Integer.toString(task.iteration()),
            "workDirectory", work,
            "tutorialFolder",
                tutorialFolder == null
                    ? text("folder.student.none", Map.of())
                    : text("folder.student", Map.of("folder", tutorialFolder)),
            "timeoutSeconds", Integer.toString(behavior.timeoutSeconds()),
            "triggers", triggers(behavior),
            "patience", text("patience." + behavior.patienceLevel().wireName(), Map.of()),
            "mentorNotes", notes(task.mentorNotes()),
            "tutorialName", tutorial.name() == null ? "tutorial" : tutorial.name(),
            "lineCount", Integer.toString(tutorial.lines().size()),
            "tutorial", numbered(tutorial)));
  }

  /** The Mentor's prompt. */
  public static String mentor(MentorTask task) {
    Tutorial tutorial = task.tutorial();
    return MENTOR.fill(
        Map.of(
            "iteration", Integer.toString(task.iteration()),
            "unresolvableMarker", UNRESOLVABLE_MARKER,
            "tutorialName", tutorial.name() == null ? "tutorial" : tutorial.name(),
            "lineCount", Integer.toString(tutorial.lines().size()),
            "tutorialFolder", folder("folder.mentor", tutorial),
            "tutorial", numbered(tutorial),
            "mentorNotes", notes(task.mentorNotes()),
            "studentReport", report(task.studentOutput())));
  }

  /** The tutorial with right-aligned line numbers: {@code " 9 | text"}. */
  static String numbered(Tutorial tutorial) {
    List<String> lines = tutorial.lines();
    int width = Integer.toString(Math.max(1, lines.size())).length();
    StringBuilder out =
        new StringBuilder(tutorial.markdown().length() + lines.size() * (width + 3));
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(String.format(Locale.ROOT, "%" + width + "d | ", i + 1)).append(lines.get(i));
    }
    return out.toString();
  }

  private static String triggers(StudentBehavior behavior) {
    Map<String, String> values =
        Map.of("maxRetries", Integer.toString(behavior.maxRetriesBeforeHelp()));
    List<String> lines = new ArrayList<>();
    lines.add(trigger("missing_dependency", behavior.askOnMissingDependency(), values));
    lines.add(trigger("ambiguous_instruction", behavior.askOnAmbiguousInstruction(), values));
    lines.add(trigger("command_failure", behavior.askOnCommandFailure(), values));
    if (behavior.askOnCommandFailure()) {
      // A step that keeps failing is a failing command too: switched off with it.
      lines.add(text("trigger.repeated_failure", values));
    }
    lines.add(trigger("timeout", behavior.askOnTimeout(), values));
    return String.join("\n", lines);
  }

  private static String trigger(String name, boolean ask, Map<String, String> values) {
    return text("trigger." + name + (ask ? ".ask" : ".off"), values);
  }

  private static String folder(String key, Tutorial tutorial) {
    Path folder = tutorial.folder();
    return folder == null
        ? text(key + ".none", Map.of())
        : text(key, Map.of("folder", folder.toAbsolutePath().normalize().toString()));
  }

  /** Every note, oldest first, with where the Student was when it asked. */
  static String notes(List<MentorNote> notes) {
    if (notes.isEmpty()) {
      return text("notes.none", Map.of());
    }
    List<String> entries = new ArrayList<>();
    for (MentorNote note : notes) {
      entries.add(
          text(
              "notes.entry",
              Map.of(
                  "iteration", Integer.toString(note.iteration()),
                  "where", where(note.location()),
                  "question", orNone(note.question()),
                  "answer", orNone(note.answer()).strip())));
    }
    return String.join("\n\n", entries);
  }

  private static String where(TutorialLocation location) {
    return location == null || location.line() < 1
        ? ""
        : text("notes.where", Map.of("place", place(location)));
  }

  /** A tutorial place as the prompts show it: its line, the quoted text, the section heading. */
  private static String place(TutorialLocation location) {
    String heading =
        blank(location.heading())
            ? ""
            : text("place.heading", Map.of("heading", location.heading().strip()));
    return text(
        "place",
        Map.of(
            "line", Integer.toString(location.line()),
            "quote", orNone(location.quote()).strip(),
            "heading", heading));
  }

  /** The Student's output as the Mentor reads it; empty parts are left out. */
  static String report(StudentOutput out) {
    if (out == null) {
      return "(no report)";
    }
    StringBuilder report = new StringBuilder();
    line(report, "Status", out.status() == null ? null : out.status().wireName());
    line(report, "Step", out.currentStep());
    TutorialLocation location = out.location();
    if (location != null && location.line() >= 1) {
      line(report, "Where", place(location));
    }
    line(report, "Trigger", out.trigger());
    line(report, "Question", out.questionForMentor());
    line(report, "Problem", out.problem());
    line(report, "Reason", out.reason());
    list(report, "What it tried", out.attemptedActions());
    list(report, "Commands it ran", out.commandsRun());
    if (!out.commands().isEmpty()) {
      report.append("Output of its commands:\n");
      for (CommandRecord command : out.commands()) {
        report
            .append("$ ")
            .append(orNone(command.command()).strip())
            .append("   (exit ")
            .append(command.exitCode())
            .append(command.timedOut() ? ", timed out" : "")
            .append(command.line() > 0 ? ", tutorial line " + command.line() : "")
            .append(")\n");
        if (!blank(command.outputExcerpt())) {
          report.append(command.outputExcerpt().strip()).append('\n');
        }
      }
    }
    line(report, "Summary", out.summary());
    return report.toString().strip();
  }

  private static void line(StringBuilder report, String label, String value) {
    if (!blank(value)) {
      report.append(label).append(": ").append(value.strip()).append('\n');
    }
  }

  private static void list(StringBuilder report, String label, List<String> values) {
    List<String> present = values.stream().filter(v -> !blank(v)).toList();
    if (!present.isEmpty()) {
      report.append(label).append(":\n");
      present.forEach(v -> report.append("- ").append(v.strip()).append('\n'));
    }
  }

  private static String text(String key, Map<String, String> values) {
    String text = TEXTS.getProperty(key);
    if (text == null) {
      throw new IllegalStateException("prompt-texts.properties has no " + key);
    }
    return new PromptTemplate(key, text).fill(values);
  }

  private static String orNone(String value) {
    return value == null ? "(none)" : value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
