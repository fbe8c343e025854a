package dev.smileloop.learner.entity;

import dev.smileloop.tutorial.entity.TutorialDocument;
import java.util.List;
import java.util.Optional;

/**
 * A tutorial split into steps as the learner reads it, built from its one {@link TutorialDocument}:
 * each step's prose and classified code blocks, and what the prerequisites list.
 */
public record TutorialStructure(String title, List<Step> steps, TutorialDocument document) {

  public TutorialStructure {
    steps = List.copyOf(steps);
  }

  /** Every code block of the tutorial, in order. */
  public List<CodeBlock> blocks() {
    return steps.stream().flatMap(step -> step.blocks().stream()).toList();
  }

  /** Every list item or paragraph of the prerequisites sections, as written. */
  public List<String> prerequisites() {
    return steps.stream()
        .filter(step -> step.kind() == StepKind.PREREQUISITES)
        .flatMap(step -> step.paragraphs().stream())
        .map(Paragraph::text)
        .toList();
  }

  /** The step a tutorial line belongs to. */
  public Optional<Step> stepAt(int line) {
    return steps.stream().filter(step -> step.contains(line)).findFirst();
  }

  /** File blocks before a tutorial line, in order. */
  public List<CodeBlock> fileBlocksBefore(int line) {
    return steps.stream()
        .flatMap(step -> step.blocks().stream())
        .filter(block -> block.kind() == BlockKind.FILE && block.fenceLine() < line)
        .toList();
  }

  /** Commands of runnable steps before a tutorial line, in order. */
  public List<Command> commandsBefore(int line) {
    return steps.stream()
        .filter(step -> step.kind() != StepKind.PREREQUISITES)
        .flatMap(step -> step.blocks().stream())
        .flatMap(block -> block.commands().stream())
        .filter(command -> command.line() < line)
        .toList();
  }
}
