package dev.smileloop.learner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.ShownOutput;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each code block is for, read from the document's structure rather than English verbs. */
class BlockClassifierTest {

  private final TutorialParser parser = new TutorialParser(ExecutableLookup.sandbox());

  private List<CodeBlock> blocks(String... lines) {
    return parser.parse(String.join("\n", lines) + "\n").blocks();
  }

  private CodeBlock only(String... lines) {
    List<CodeBlock> blocks = blocks(lines);
    assertEquals(1, blocks.size(), blocks.toString());
    return blocks.get(0);
  }

  @Test
  void indentedCodeUnderASetextHeadingRunsWithExactLines() {
    List<CodeBlock> blocks =
        blocks("Setup", "-----", "", "Run this:", "", "    mkdir demo", "    cd demo", "", "Done.");

    CodeBlock block = blocks.get(0);
    assertEquals(BlockKind.SHELL, block.kind());
    assertEquals(6, block.fenceLine());
    assertEquals(7, block.endLine());
    assertEquals(6, block.commands().get(0).line());
    assertEquals("cd demo", block.commands().get(1).text());
    assertEquals("Setup", parser.parse("Setup\n-----\n\n    ls\n").steps().get(0).heading());
  }

  @Test
  void aMakefileTypedInAnEditorIsItsBodyNotShell() {
    CodeBlock block =
        only(
            "## Rules",
            "Open `Makefile` in your editor and type:",
            "```",
            "hi:",
            "\t@echo hi",
            "```");

    assertEquals(BlockKind.FILE, block.kind());
    assertEquals("Makefile", block.targetFile());
  }

  @Test
  void nonShellLanguagesAreNeverRunAsShell() {
    CodeBlock named = only("## S", "Next, the Makefile:", "```makefile", "all:", "\ttrue", "```");
    CodeBlock unnamed = only("## S", "```makefile", "all:", "\ttrue", "```");
    CodeBlock python = only("## S", "In the REPL:", "```python", "print(1)", "```");

    assertEquals("Makefile", named.targetFile());
    assertEquals("Makefile", unnamed.targetFile(), "a makefile block with no name is the Makefile");
    assertEquals(BlockKind.SKIPPED, python.kind());
    assertTrue(python.note().contains("not run as shell"), python.note());
  }

  @Test
  void aFileIsNamedByACaptionACommentOrAnotherLanguage() {
    CodeBlock caption = only("## S", "**app.py**", "", "```python", "print('x')", "```");
    CodeBlock comment = only("## S", "```yaml", "# file: conf/app.yaml", "a: 1", "```");
    CodeBlock german =
        only("## S", "Erstelle die Datei `hallo.sh`:", "```bash", "echo Hallo", "```");
    CodeBlock japanese = only("## S", "`main.py` を作成します:", "```python", "print(1)", "```");

    assertEquals("app.py", caption.targetFile());
    assertEquals("conf/app.yaml", comment.targetFile());
    assertEquals("hallo.sh", german.targetFile());
    assertEquals("main.py", japanese.targetFile());
  }

  @Test
  void aBlockThatUsesTheNamedFileIsACommand() {
    CodeBlock block = only("## S", "Run `hello.sh`:", "```bash", "bash hello.sh", "```");

    assertEquals(BlockKind.SHELL, block.kind());
  }

  @Test
  void aTranscriptsPromptLinesRunAndTheRestIsTheirOutput() {
    CodeBlock block =
        only("## S", "```console", "$ echo one", "one", "$ ls", "a.txt", "b.txt", "```");

    assertEquals(BlockKind.CONSOLE, block.kind());
    assertEquals(List.of("echo one", "ls"), block.commands().stream().map(c -> c.text()).toList());
    assertEquals(
        List.of(
            new ShownOutput(4, 3, List.of("one")),
            new ShownOutput(6, 5, List.of("a.txt", "b.txt"))),
        block.shownOutputs());
  }

  @Test
  void angledPromptsAreATranscriptToo() {
    CodeBlock block = only("## S", "```", "> echo one", "one", "> pwd", "```");

    assertEquals(BlockKind.CONSOLE, block.kind());
    assertEquals(List.of("echo one", "pwd"), block.commands().stream().map(c -> c.text()).toList());
    assertEquals(List.of(new ShownOutput(4, 3, List.of("one"))), block.shownOutputs());
  }

  @Test
  void anOutputBlockAfterACommandIsComparedNotRun() {
    List<CodeBlock> blocks =
        blocks("## S", "```bash", "echo hi", "```", "", "Ausgabe:", "", "```", "hi", "```");

    assertEquals(BlockKind.OUTPUT, blocks.get(1).kind());
    assertEquals(List.of(new ShownOutput(9, 0, List.of("hi"))), blocks.get(0).shownOutputs());
  }

  @Test
  void anAnnouncedFailureOrAShownErrorIsTeaching() {
    List<CodeBlock> said =
        blocks(
            "## S", "This will fail, since the folder is not empty:", "```bash", "rmdir x", "```");
    List<CodeBlock> shown =
        blocks(
            "## S",
            "```bash",
            "rmdir x",
            "```",
            "```",
            "rmdir: failed to remove 'x': Directory not empty",
            "```");
    List<CodeBlock> conditional =
        blocks("## S", "If you get an error, check the path:", "```bash", "ls x", "```");

    assertNotNull(said.get(0).failureAnnounced());
    assertNotNull(shown.get(0).failureAnnounced());
    assertNull(conditional.get(0).failureAnnounced(), "a condition is not an announcement");
  }

  @Test
  void placeholdersMakeAnIllustration() {
    CodeBlock block = only("## S", "```bash", "git clone <your-repo-url>", "```");
    CodeBlock heredocHtml =
        only("## S", "```bash", "cat > index.html <<'EOF'", "<html></html>", "EOF", "```");

    assertEquals(BlockKind.ILLUSTRATION, block.kind());
    assertEquals(BlockKind.SHELL, heredocHtml.kind(), "HTML in a heredoc is not a placeholder");
  }

  @Test
  void frontMatterAndHtmlCommentsAreSkippedWithLineNumbersKept() {
    List<CodeBlock> blocks =
        blocks(
            "---",
            "title: T",
            "---",
            "# T",
            "<!--",
            "```bash",
            "rm -rf /",
            "```",
            "-->",
            "## S",
            "```bash",
            "echo ok",
            "```");

    assertEquals(1, blocks.size(), blocks.toString());
    assertEquals(12, blocks.get(0).commands().get(0).line());
  }
}
