package dev.smileloop.learner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.learner.mentor.DeclaredTools;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TutorialParserTest {

  private final TutorialParser parser = new TutorialParser(ExecutableLookup.sandbox());

  private static String md(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private CodeBlock onlyBlock(String markdown) {
    List<CodeBlock> blocks =
        parser.parse(markdown).steps().stream().flatMap(s -> s.blocks().stream()).toList();
    assertEquals(1, blocks.size(), "blocks: " + blocks);
    return blocks.get(0);
  }

  @Test
  void headingsOutsideFencesAreStepsWithTheirLines() {
    TutorialStructure structure =
        parser.parse(
            md(
                "# Title",
                "Intro text.",
                "",
                "## Step 1: Go",
                "",
                "```bash",
                "# not a heading",
                "echo hi",
                "```",
                "",
                "### Step 2: Stop ###",
                "Bye."));

    List<Step> steps = structure.steps();
    assertEquals(
        List.of("Title", "Step 1: Go", "Step 2: Stop"), steps.stream().map(Step::heading).toList());
    assertEquals(List.of(1, 4, 11), steps.stream().map(Step::line).toList());
    assertEquals(10, steps.get(1).endLine());
    assertEquals("Title", structure.title());
    assertEquals(StepKind.INTRODUCTION, steps.get(0).kind());
    CodeBlock block = steps.get(1).blocks().get(0);
    assertEquals(6, block.fenceLine());
    assertEquals(List.of("# not a heading", "echo hi"), block.lines());
    assertEquals(List.of(new Command("echo hi", 8, 8)), block.commands());
    assertEquals(12, steps.get(2).paragraphs().get(0).line());
  }

  @Test
  void textBeforeTheFirstHeadingIsAnIntroductionStep() {
    TutorialStructure structure = parser.parse(md("Some words.", "", "## Only step", "text"));

    assertEquals("", structure.steps().get(0).heading());
    assertEquals(StepKind.INTRODUCTION, structure.steps().get(0).kind());
    assertEquals(StepKind.INSTRUCTION, structure.steps().get(1).kind());
  }

  @Test
  void consoleBlocksRunOnlyPromptedLinesWithoutThePrompt() {
    CodeBlock block =
        onlyBlock(
            md(
                "## S",
                "```console",
                "$ mkdir demo",
                "$ ls",
                "demo",
                "# output-looking line",
                "$ cd demo",
                "```"));

    assertEquals(BlockKind.CONSOLE, block.kind());
    assertEquals(
        List.of(
            new Command("mkdir demo", 3, 3), new Command("ls", 4, 4), new Command("cd demo", 7, 7)),
        block.commands());
  }

  @Test
  void shellBlocksWrittenWithPromptsAreReadAsConsoleSessions() {
    CodeBlock block = onlyBlock(md("## S", "```bash", "$ echo one", "one", "```"));

    assertEquals(BlockKind.CONSOLE, block.kind());
    assertEquals(List.of(new Command("echo one", 3, 3)), block.commands());
  }

  @Test
  void consoleContinuationLinesBelongToTheirCommand() {
    CodeBlock block =
        onlyBlock(
            md(
                "## S",
                "```shell-session",
                "$ cat > f.txt <<EOF",
                "> a",
                "> EOF",
                "$ echo done",
                "done",
                "```"));

    assertEquals(
        List.of(new Command("cat > f.txt <<EOF\na\nEOF", 3, 5), new Command("echo done", 6, 6)),
        block.commands());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Create a file named `app/run.sh` with this content:",
        "Create `app/run.sh`:",
        "Save the following as `app/run.sh`:",
        "Put this in `app/run.sh`:",
        "Write this script to `app/run.sh`.",
        "Paste the code below in a file called `app/run.sh`:",
        "Next, create the launcher. Save it as `app/run.sh`:",
        "CREATE `app/run.sh`:"
      })
  void blocksIntroducedAsAFileAreSavedNotRun(String introduction) {
    CodeBlock block = onlyBlock(md("## S", "", introduction, "", "```bash", "echo hi", "```"));

    assertEquals(BlockKind.FILE, block.kind());
    assertEquals("app/run.sh", block.targetFile());
    assertFalse(block.append());
    assertEquals(List.of(), block.commands());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Create `wc-notes` with this content:",
        "Save the following in a file named `launcher`:",
        "Create `launcher`:|#!/usr/bin/env bash"
      })
  void namesWithoutADotAreFilesWhenTheTextOrAShebangSaysSo(String introduction) {
    String[] parts = introduction.split("\\|");
    String firstLine = parts.length > 1 ? parts[1] : "echo hi";
    CodeBlock block =
        onlyBlock(md("## S", "", parts[0], "", "```bash", firstLine, "echo hi", "```"));

    assertEquals(BlockKind.FILE, block.kind());
    assertTrue(
        block.targetFile().equals("wc-notes") || block.targetFile().equals("launcher"),
        block.targetFile());
  }

  @Test
  void aPlainWordInARunningSentenceIsNotAFile() {
    CodeBlock block =
        onlyBlock(md("## S", "Create the `build` target:", "```bash", "make build", "```"));

    assertEquals(BlockKind.SHELL, block.kind());
  }

  @Test
  void addThisToAFileAppendsToIt() {
    CodeBlock block =
        onlyBlock(md("## S", "Add this to `~/.bashrc`:", "```bash", "export X=1", "```"));

    assertEquals(BlockKind.FILE, block.kind());
    assertEquals("~/.bashrc", block.targetFile());
    assertTrue(block.append());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "python title=\"app.py\"|app.py",
        "bash:notes.sh|notes.sh",
        "yaml filename=config/app.yaml|config/app.yaml",
        "{.python file='tool.py'}|tool.py",
        "js name=\"src/index.js\"|src/index.js"
      })
  void theInfoStringCanNameTheFile(String info, String file) {
    CodeBlock block = onlyBlock(md("## S", "Some text.", "```" + info, "content", "```"));

    assertEquals(BlockKind.FILE, block.kind());
    assertEquals(file, block.targetFile());
  }

  @Test
  void runningSentencesWithAFileNameStillRunTheBlock() {
    CodeBlock block =
        onlyBlock(
            md("## S", "Run this to create `out.txt`:", "```bash", "echo x > out.txt", "```"));

    assertEquals(BlockKind.SHELL, block.kind());
  }

  @Test
  void codeInOtherLanguagesIsSkippedUnlessItIsAFile() {
    CodeBlock block =
        onlyBlock(md("## S", "Here is how it works:", "```python", "print(1)", "```"));

    assertEquals(BlockKind.SKIPPED, block.kind());
    assertEquals("python", block.language());
  }

  @Test
  void prerequisitesAreReadNotRunAndListed() {
    TutorialStructure structure =
        parser.parse(
            md(
                "# T",
                "## Prerequisites",
                "- Python 3.11 or newer",
                "- The `jq` command",
                "```bash",
                "sudo apt-get install jq",
                "```",
                "## Step 1",
                "```bash",
                "jq --version",
                "```"));

    Step prerequisites = structure.steps().get(1);
    assertEquals(StepKind.PREREQUISITES, prerequisites.kind());
    assertFalse(prerequisites.hasActions());
    assertEquals(List.of("Python 3.11 or newer", "The `jq` command"), structure.prerequisites());
    Set<String> declared = DeclaredTools.of(structure.document(), List.of());
    assertTrue(declared.contains("jq"));
    assertTrue(declared.contains("python"));
    assertFalse(declared.contains("tree"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Requirements", "Before you begin", "What you'll need", "0. Prerequisites"})
  void prerequisiteHeadingsAreRecognised(String heading) {
    assertEquals(
        StepKind.PREREQUISITES,
        parser.parse(md("# T", "## " + heading, "- x", "## Go", "y")).steps().get(1).kind());
  }

  @Test
  void unlabelledBlocksThatLookLikeCommandsRun() {
    CodeBlock commands =
        onlyBlock(
            md("## S", "```", "mkdir -p out", "cd out", "./configure --quiet", "tree .", "```"));

    assertEquals(BlockKind.SHELL, commands.kind());
    assertEquals(4, commands.commands().size());
  }

  @Test
  void unlabelledBlocksThatShowOutputOrProseAreNotRun() {
    assertEquals(BlockKind.OUTPUT, onlyBlock(md("## S", "```", "Hello, Ada!", "```")).kind());
    assertEquals(
        BlockKind.OUTPUT,
        onlyBlock(md("## S", "```", "total 8", "drwxr-xr-x 2 root root 4096 .", "```")).kind());
    assertEquals(
        BlockKind.OUTPUT,
        onlyBlock(md("## S", "```", "Install the package and then restart it.", "```")).kind());
    assertEquals(
        BlockKind.OUTPUT,
        onlyBlock(md("## S", "```text", "echo looks like a command", "```")).kind());
  }

  @Test
  void unlabelledConsoleSessionsRunTheirPromptedLines() {
    CodeBlock block = onlyBlock(md("## S", "```", "$ date -u +%Y", "2025", "```"));

    assertEquals(BlockKind.CONSOLE, block.kind());
    assertEquals(List.of(new Command("date -u +%Y", 3, 3)), block.commands());
  }

  @Test
  void fencesInsideListItemsAreUnindented() {
    CodeBlock block = onlyBlock(md("## S", "1. Run:", "   ```bash", "   echo nested", "   ```"));

    assertEquals(List.of(new Command("echo nested", 4, 4)), block.commands());
  }

  @Test
  void anUnclosedFenceRunsToTheEnd() {
    CodeBlock block = onlyBlock(md("## S", "```bash", "echo a", "echo b"));

    assertEquals(2, block.commands().size());
  }

  @Test
  void tildeFencesAndLongerFencesWork() {
    CodeBlock block = onlyBlock(md("## S", "~~~~sh", "echo '```'", "~~~~"));

    assertEquals(List.of(new Command("echo '```'", 3, 3)), block.commands());
  }

  @Test
  void imagesAreCollectedWithTheirLines() {
    TutorialStructure structure =
        parser.parse(md("# T", "", "![Diagram](img/flow.png \"flow\")", "<img src=\"a.svg\">"));

    assertEquals("img/flow.png", structure.document().images().get(0).destination());
    assertEquals(3, structure.document().images().get(0).line());
    assertEquals("a.svg", structure.document().images().get(1).destination());
  }

  @Test
  void closingSectionsAreMarked() {
    TutorialStructure structure =
        parser.parse(md("# T", "## Step 1", "x", "## Done", "y", "## Next steps", "z"));

    assertEquals(StepKind.CLOSING, structure.steps().get(2).kind());
    assertEquals(StepKind.CLOSING, structure.steps().get(3).kind());
  }

  @Test
  void aFileBlockWithoutAnyIntroductionIsNotGuessed() {
    CodeBlock block = onlyBlock(md("## Step", "```json", "{\"a\": 1}", "```"));

    assertEquals(BlockKind.SKIPPED, block.kind());
    assertNull(block.targetFile());
  }
}
