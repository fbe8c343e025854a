package dev.smileloop.learner.entity;

/**
 * What a code block is for, read from the document's structure, which decides what the learner
 * does.
 */
public enum BlockKind {
  /**
   * Shell commands, one statement after another (also unlabelled blocks that look like commands).
   */
  SHELL,
  /** A terminal transcript: lines after a {@code $ } prompt are commands, the rest their output. */
  CONSOLE,
  /** A file body to save to {@link CodeBlock#targetFile()}. */
  FILE,
  /** Code in another language that is not introduced as a file: read, not run. */
  SKIPPED,
  /** Output the tutorial shows (for the command block before it): compared, not run. */
  OUTPUT,
  /**
   * Not meant to be run as written: placeholders ({@code <your-name>}, {@code ...}) or pseudo-code.
   */
  ILLUSTRATION
}
