package dev.smileloop.learner.student;

import dev.smileloop.learner.entity.CodeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * What one command block did: each command's output (in full where it was small enough), whether
 * they all passed, whether one failed as the tutorial announced, and whether a difficulty stopped
 * the block.
 */
final class BlockRun {

  final CodeBlock block;
  final List<String> outputs = new ArrayList<>();
  final List<Integer> lines = new ArrayList<>();
  boolean allPassed = true;
  boolean complete = true;
  boolean failedAsAnnounced;
  int failedLine;
  String failedOutput;

  /** The line whose failure stopped the block (its later commands are skipped), or 0. */
  int stoppedAt;

  BlockRun(CodeBlock block) {
    this.block = block;
  }

  /** Whether the tutorial shows, states or announces what this block prints. */
  boolean expectsOutput() {
    return !block.shownOutputs().isEmpty()
        || !block.statedOutputs().isEmpty()
        || block.failureAnnounced() != null;
  }

  void passed(int line, String output, boolean full) {
    lines.add(line);
    outputs.add(output);
    complete &= full;
  }

  void failed(int line, String output, boolean asAnnounced) {
    allPassed = false;
    if (asAnnounced && !failedAsAnnounced) {
      failedAsAnnounced = true;
      failedLine = line;
      failedOutput = output;
    }
  }

  String outputOf(int commandLine) {
    int index = lines.indexOf(commandLine);
    return index < 0 ? null : outputs.get(index);
  }

  String all() {
    return String.join("\n", outputs);
  }
}
