package dev.smileloop.learner.entity;

import java.util.List;

/**
 * A code block of the tutorial (fenced or indented) and what the learner makes of it. {@code
 * fenceLine} is the block's first tutorial line (the opening fence, or the first line of an
 * indented block), {@code contentLine} its first content line, {@code endLine} its last line (the
 * closing fence). A {@link BlockKind#FILE} block has a {@code targetFile} (as the tutorial wrote
 * it, relative to the shell's directory) and {@code append} when the tutorial adds it to an
 * existing file; {@code commands} are filled for shell and console blocks, {@code statedOutputs}
 * with what the prose after such a block says it prints, {@code shownOutputs} with the output the
 * tutorial shows for it (an output block or the transcript's lines), {@code failureAnnounced} with
 * the sentence or output that says it fails on purpose (null otherwise), and {@code note} says why
 * a block is not run (null for blocks that are).
 */
public record CodeBlock(
    int fenceLine,
    int contentLine,
    int endLine,
    String info,
    String language,
    List<String> lines,
    BlockKind kind,
    String targetFile,
    boolean append,
    List<Command> commands,
    List<StatedOutput> statedOutputs,
    List<ShownOutput> shownOutputs,
    String failureAnnounced,
    String note) {

  public CodeBlock {
    lines = List.copyOf(lines);
    commands = List.copyOf(commands);
    statedOutputs = List.copyOf(statedOutputs);
    shownOutputs = List.copyOf(shownOutputs);
  }

  /** A block of the given kind with nothing stated or shown for it (yet). */
  public static CodeBlock of(
      int fenceLine,
      int contentLine,
      int endLine,
      String info,
      String language,
      List<String> lines,
      BlockKind kind) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        kind,
        null,
        false,
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  public CodeBlock asFile(String target, boolean appendTo) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        BlockKind.FILE,
        target,
        appendTo,
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  public CodeBlock asCommands(BlockKind commandKind, List<Command> statements) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        commandKind,
        null,
        false,
        statements,
        statedOutputs,
        shownOutputs,
        failureAnnounced,
        null);
  }

  public CodeBlock asNotRun(BlockKind notRun, String why) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        notRun,
        null,
        false,
        List.of(),
        List.of(),
        List.of(),
        null,
        why);
  }

  public CodeBlock withStatedOutputs(List<StatedOutput> stated) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        kind,
        targetFile,
        append,
        commands,
        stated,
        shownOutputs,
        failureAnnounced,
        note);
  }

  public CodeBlock withShownOutputs(List<ShownOutput> shown) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        kind,
        targetFile,
        append,
        commands,
        statedOutputs,
        shown,
        failureAnnounced,
        note);
  }

  public CodeBlock withFailureAnnounced(String why) {
    return new CodeBlock(
        fenceLine,
        contentLine,
        endLine,
        info,
        language,
        lines,
        kind,
        targetFile,
        append,
        commands,
        statedOutputs,
        shownOutputs,
        why,
        note);
  }

  public String content() {
    return String.join("\n", lines);
  }

  public int firstContentLine() {
    return contentLine;
  }

  /** Whether the learner runs this block's commands. */
  public boolean runs() {
    return kind == BlockKind.SHELL || kind == BlockKind.CONSOLE;
  }
}
