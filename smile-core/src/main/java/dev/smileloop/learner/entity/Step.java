package dev.smileloop.learner.entity;

import java.util.List;

/**
 * A section under one heading (or the text before the first heading, whose {@code heading} is empty
 * and {@code level} 0). {@code line} is the heading's line, {@code endLine} the section's last
 * line.
 */
public record Step(
    String heading,
    int level,
    int line,
    int endLine,
    StepKind kind,
    List<Paragraph> paragraphs,
    List<CodeBlock> blocks) {

  public Step {
    paragraphs = List.copyOf(paragraphs);
    blocks = List.copyOf(blocks);
  }

  public boolean contains(int tutorialLine) {
    return tutorialLine >= line && tutorialLine <= endLine;
  }

  /** Whether the learner runs anything here: shell, console or file blocks. */
  public boolean hasActions() {
    return kind != StepKind.PREREQUISITES
        && blocks.stream()
            .anyMatch(
                b ->
                    b.kind() == BlockKind.SHELL
                        || b.kind() == BlockKind.CONSOLE
                        || b.kind() == BlockKind.FILE);
  }
}
