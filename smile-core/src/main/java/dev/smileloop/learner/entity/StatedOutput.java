package dev.smileloop.learner.entity;

import java.util.List;

/**
 * What the tutorial says a command block prints, read from a sentence after the block ("It prints
 * `Hello, Ada!`.", "You should see `total: 6`."). Each of {@code fragments} must show up in the
 * output; {@code lastCommand} when the sentence speaks of the block's last command only, otherwise
 * the whole block's output counts. {@code line} is the tutorial line the sentence starts on, {@code
 * sentence} the sentence as written, on one line.
 */
public record StatedOutput(int line, String sentence, List<String> fragments, boolean lastCommand) {

  public StatedOutput {
    fragments = List.copyOf(fragments);
  }
}
