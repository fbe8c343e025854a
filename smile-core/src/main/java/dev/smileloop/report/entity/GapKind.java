package dev.smileloop.report.entity;

import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of gap a tutorial has, named after the Student's stuck trigger. Anything the Student
 * did not name, or named in a way we do not know, is {@link #UNCLEAR}.
 */
public enum GapKind {
  MISSING_DEPENDENCY(
      "Missing dependency",
      "A command or package the tutorial uses is not installed and the tutorial never says so.",
      "List every tool the tutorial uses under Prerequisites, with how to install it."),
  COMMAND_FAILURE(
      "Command failure",
      "A command from the tutorial fails when run as written.",
      "Correct the command, or state what must be in place before it runs."),
  TIMEOUT(
      "Timeout",
      "A step ran longer than the learner's per-step time limit.",
      "Say how long the step takes, make it non-interactive, or split it into smaller steps."),
  AMBIGUOUS_INSTRUCTION(
      "Ambiguous instruction",
      "An instruction cannot be carried out without guessing what it means.",
      "Say exactly what to do: the command to run or the content of the file to write."),
  REPEATED_FAILURE(
      "Repeated failure",
      "The same step kept failing after several attempts.",
      "State the step's expected result and everything that must be in place before it."),
  MISSING_IMAGE(
      "Missing image",
      "An image the tutorial references cannot be found.",
      "Add the image next to the tutorial or correct its relative path."),
  UNEXPECTED_OUTPUT(
      "Unexpected output",
      "What a command prints differs from what the tutorial says it prints.",
      "Show the output the command really prints, or fix the command."),
  MISSING_PREREQUISITE(
      "Missing prerequisite",
      "The tutorial uses a tool outside the baseline that it never asks the reader to install.",
      "List the tool under Prerequisites, with how to install it and the version the tutorial was"
          + " written for."),
  UNCLEAR(
      "Unclear step",
      "The learner got stuck on a step for a reason it did not classify.",
      "Clarify the step: what to do, what it needs and what the reader should see.");

  private final String label;
  private final String description;
  private final String advice;

  GapKind(String label, String description, String advice) {
    this.label = label;
    this.description = description;
    this.advice = advice;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  /** One sentence on what this kind of gap is (SARIF rule short description). */
  public String description() {
    return description;
  }

  /** What an author generally does about it, when nobody suggested anything better. */
  public String advice() {
    return advice;
  }

  /** The kind for a Student trigger; unknown or missing triggers are {@link #UNCLEAR}. */
  public static GapKind fromTrigger(String trigger) {
    if (trigger == null) {
      return UNCLEAR;
    }
    String wanted = trigger.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return Arrays.stream(values())
        .filter(k -> k != UNCLEAR && k.wireName().equals(wanted))
        .findFirst()
        .orElse(UNCLEAR);
  }
}
