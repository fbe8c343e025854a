package dev.smileloop.learner.entity;

import java.util.List;

/**
 * A fenced code block. {@code fenceLine} is the opening fence's tutorial line, {@code lines} the
 * content (line {@code fenceLine + 1 + i}), {@code language} the first word of the info string in
 * lower case. A {@link BlockKind#FILE} block has a {@code targetFile} (as the tutorial wrote it,
 * relative to the shell's directory at that point) and {@code append} when the tutorial says to add
 * it to an existing file; {@code commands} are filled for shell and console blocks, and {@code
 * statedOutputs} with what the prose after such a block says it prints.
 */
public record CodeBlock(
    int fenceLine,
    String info,
    String language,
    List<String> lines,
    BlockKind kind,
    String targetFile,
    boolean append,
    List<Command> commands,
    List<StatedOutput> statedOutputs) {

  public CodeBlock {
    lines = List.copyOf(lines);
    commands = List.copyOf(commands);
    statedOutputs = List.copyOf(statedOutputs);
  }

  /** A block with no stated output (yet). */
  public CodeBlock(
      int fenceLine,
      String info,
      String language,
      List<String> lines,
      BlockKind kind,
      String targetFile,
      boolean append,
      List<Command> commands) {
    this(fenceLine, info, language, lines, kind, targetFile, append, commands, List.of());
  }

  public CodeBlock withStatedOutputs(List<StatedOutput> stated) {
    return new CodeBlock(
        fenceLine, info, language, lines, kind, targetFile, append, commands, stated);
  }

  public String content() {
    return String.join("\n", lines);
  }

  public int firstContentLine() {
    return fenceLine + 1;
  }

  /** The closing fence's line (or the last content line of a block the tutorial never closed). */
  public int endLine() {
    return fenceLine + lines.size() + 1;
  }
}
