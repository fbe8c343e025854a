package dev.smileloop.tutorial.entity;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded Markdown tutorial, unchanged. {@code path} is where it came from, or null when its
 * content arrived inline; {@code folder} is the folder its relative references resolve against
 * (null for inline content, which may reference nothing).
 */
public record Tutorial(String name, Path path, Path folder, String markdown) {

  /** The tutorial's lines, 1-indexed through {@link #line(int)}. */
  public List<String> lines() {
    return markdown.lines().toList();
  }

  /** The text of line {@code number} (1-indexed), or an empty string outside the tutorial. */
  public String line(int number) {
    List<String> lines = lines();
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
  }
}
