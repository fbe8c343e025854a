package dev.smileloop.learner.entity;

/** How the learner treats a fenced code block. */
public enum BlockKind {
  /**
   * Shell commands, one statement after another (also unlabelled blocks that look like commands).
   */
  SHELL,
  /** A terminal session: the lines after a {@code $ } prompt are commands, the rest output. */
  CONSOLE,
  /** Content to save to {@link CodeBlock#targetFile()}. */
  FILE,
  /** Code in another language that is not introduced as a file: read, not run. */
  SKIPPED,
  /** An unlabelled or text block that shows output, not commands. */
  OUTPUT
}
