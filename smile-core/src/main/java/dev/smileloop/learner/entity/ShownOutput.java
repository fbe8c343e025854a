package dev.smileloop.learner.entity;

import java.util.List;

/**
 * Output the tutorial shows for a command block: an output block after it ({@code commandLine} 0:
 * the whole block's output) or the lines after one prompt of a console transcript ({@code
 * commandLine} that command's line). {@code line} is where the shown output starts.
 */
public record ShownOutput(int line, int commandLine, List<String> lines) {

  public ShownOutput {
    lines = List.copyOf(lines);
  }

  public String text() {
    return String.join("\n", lines);
  }
}
