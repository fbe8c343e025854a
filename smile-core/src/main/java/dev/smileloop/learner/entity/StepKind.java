package dev.smileloop.learner.entity;

/** What a section of the tutorial is for, which decides how the learner treats it. */
public enum StepKind {
  /** The text before the first heading, or the title heading: read and run, never "vague". */
  INTRODUCTION,
  /** Prerequisites / requirements / before you begin: read, not run. */
  PREREQUISITES,
  /** An ordinary step. */
  INSTRUCTION,
  /** Done / conclusion / next steps: run if it has commands, never "vague". */
  CLOSING
}
