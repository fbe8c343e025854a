package dev.smileloop.learner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.StatedOutput;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatedOutputReaderTest {

  private final TutorialParser parser = new TutorialParser(ExecutableLookup.sandbox());

  private List<CodeBlock> blocks(String markdown) {
    return parser.parse(markdown).steps().stream().flatMap(s -> s.blocks().stream()).toList();
  }

  /** What the prose after a one-line {@code echo} block states, as the parser reads it. */
  private List<StatedOutput> after(String prose) {
    List<CodeBlock> blocks =
        blocks("# T\n\n## Step 1: Go\n\n```bash\necho hi\nls notes\n```\n\n" + prose + "\n");
    assertEquals(1, blocks.size());
    return blocks.get(0).statedOutputs();
  }

  private List<String> fragmentsAfter(String prose) {
    List<StatedOutput> stated = after(prose);
    assertEquals(1, stated.size(), "stated: " + stated);
    return stated.get(0).fragments();
  }

  // ---- what counts -----------------------------------------------------------------------------

  @Test
  void itPrintsIsAnExpectationWithItsLineAndSentence() {
    List<StatedOutput> stated = after("Now the greeting is ready. It prints `Hello, Ada!`.");

    assertEquals(
        List.of(new StatedOutput(10, "It prints `Hello, Ada!`.", List.of("Hello, Ada!"), false)),
        stated);
  }

  @Test
  void theLastCommandPrintsSpeaksOfTheLastCommandOnly() {
    StatedOutput stated = after("The last command prints `2`.").get(0);

    assertTrue(stated.lastCommand());
    assertEquals(List.of("2"), stated.fragments());
  }

  @Test
  void everySnippetJoinedByAndThenIsExpected() {
    assertEquals(
        List.of("built in release mode", "release"),
        fragmentsAfter("It prints `built in release mode` and then `release`."));
    assertEquals(List.of("a", "b", "c"), fragmentsAfter("You'll see `a`, `b` and `c`."));
    assertEquals(List.of("a", "b"), fragmentsAfter("It shows `a`, followed by `b`."));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "You should see `total: 6`.",
        "You should see one line per note and `total: 6`.",
        "The output is `total: 6`",
        "The result is `total: 6`.",
        "This shows `total: 6`.",
        "It displays `total: 6`!",
        "The script echoes `total: 6` back.",
        "It outputs: `total: 6`.",
        "You will see `total: 6` at the end.",
        "Running it prints out `total: 6`.",
        "Check that it prints `total: 6`.",
        "- It prints `total: 6`."
      })
  void commonPhrasingsStateTheOutput(String sentence) {
    assertEquals(List.of("total: 6"), fragmentsAfter(sentence));
  }

  @Test
  void aNumberFollowedByPunctuationOrAnotherSnippetIsLiteral() {
    assertEquals(List.of("2", "3"), fragmentsAfter("It prints `2` and then `3`."));
    assertEquals(List.of("2"), fragmentsAfter("It prints `2`, the number of notes."));
    assertEquals(List.of("hello.txt"), fragmentsAfter("You should see `hello.txt` listed."));
  }

  @Test
  void theTotalIsCountsAndCaseDoesNotMatterForTheVerb() {
    assertEquals(List.of("2"), fragmentsAfter("The total is `2`."));
    assertEquals(List.of("OK"), fragmentsAfter("THE OUTPUT IS `OK`."));
  }

  @Test
  void aSentenceOverSeveralLinesStartsOnItsOwnLine() {
    List<StatedOutput> stated =
        after("The script counts the words in each note.\nIn the end it then\nprints `7`.");

    assertEquals(1, stated.size());
    assertEquals(11, stated.get(0).line());
    assertEquals("In the end it then prints `7`.", stated.get(0).sentence());
  }

  @Test
  void punctuationInsideCodeDoesNotEndTheSentence() {
    assertEquals(List.of("1.5. Done? Yes!"), fragmentsAfter("It prints `1.5. Done? Yes!` now."));
  }

  @Test
  void anEllipsisSplitsTheSnippetIntoPartsThatMustEachAppear() {
    assertEquals(List.of("Saved", "notes"), fragmentsAfter("It prints `Saved ... notes`."));
  }

  @Test
  void aSubjectTheBlockRunsMayBeNamed() {
    assertEquals(List.of("notes"), fragmentsAfter("`ls notes` shows `notes`."));
  }

  @Test
  void severalSentencesMayEachStateSomething() {
    List<StatedOutput> stated = after("It prints `hi`.\n\nThe listing shows `a.txt`.");

    assertEquals(2, stated.size());
    assertEquals(List.of(10, 12), stated.stream().map(StatedOutput::line).toList());
  }

  @Test
  void consoleBlocksGetExpectationsToo() {
    List<CodeBlock> blocks = blocks("## Go\n\n```console\n$ echo hi\nhi\n```\n\nIt prints `hi`.\n");

    assertEquals(BlockKind.CONSOLE, blocks.get(0).kind());
    assertEquals(List.of("hi"), blocks.get(0).statedOutputs().get(0).fragments());
  }

  // ---- what does not ---------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Try `./notes.sh list` again tomorrow.",
        "If it prints `error`, check the path.",
        "When it prints `ready`, open the page.",
        "Unless it prints `ok`, start over.",
        "Read the output; if the command prints `error`, fix the path.",
        "Does it print `hi`?",
        "It no longer shows `warning`.",
        "It prints something like `Listening on port 8080`.",
        "It prints e.g. `Listening on port 8080`.",
        "It prints the number of lines in `notes.txt`.",
        "It prints the contents of `notes.txt`.",
        "It prints `Hello, NAME`, where `NAME` is your name.",
        "It prints `Hello, <name>!`.",
        "It prints `yes` or `no`.",
        "It prints `3` (or similar).",
        "The next section shows `grep`.",
        "Open `http://localhost:8080` in a browser; you should see `Welcome`.",
        "The log file shows `started`.",
        "Write a script that prints `hi`.",
        "We want it to show `hi`, so it is ready.",
        "`git status` shows `nothing to commit`.",
        "It returns `0`.",
        "It prints the greeting.",
        "Create `count.py` so that it prints the number of words in each file.",
        "Run it again: it prints `hi`.",
        "The server prints `Listening`.",
        "You should see a new `build` folder.",
        "You should see a new folder `build`.",
        "You should see the `notes.sh` file next to it.",
        "It prints `2` lines."
      })
  void sentencesThatDoNotClearlyStateThisBlocksOutputAreIgnored(String sentence) {
    assertEquals(List.of(), after(sentence), sentence);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "It prints `2025-01-31`.",
        "It prints `Fri Jan 31 12:00:00 UTC 2025`.",
        "It prints `started at 12:30`.",
        "It prints `Python 3.11.2`.",
        "It prints `tool version 2`.",
        "It prints `commit 3f2a9c1d`."
      })
  void snippetsThatDifferByMachineOrDayAreNotExpected(String sentence) {
    assertEquals(List.of(), after(sentence), sentence);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "python3 -m http.server 8000 &",
        "sleep 1& echo started",
        "nohup ./serve.sh > serve.log"
      })
  void blocksThatLeaveAJobInTheBackgroundStateNothing(String command) {
    List<CodeBlock> blocks =
        blocks("## Go\n\n```bash\n" + command + "\n```\n\nIt prints `started`.\n");

    assertEquals(List.of(), blocks.get(0).statedOutputs(), command);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "test -d notes && echo started",
        "echo started 2>&1",
        "echo started &> out.txt; cat out.txt",
        "curl -s 'http://localhost/x?a=1&b=2' || echo started"
      })
  void ampersandsThatDoNotStartABackgroundJobKeepTheExpectation(String command) {
    List<CodeBlock> blocks =
        blocks("## Go\n\n```bash\n" + command + "\n```\n\nIt prints `started`.\n");

    assertEquals(List.of("started"), blocks.get(0).statedOutputs().get(0).fragments(), command);
  }

  @Test
  void readingStopsAtAnInstructionToRunSomethingElse() {
    assertEquals(List.of(), after("Now run `ls -a notes` as well. It prints `.hidden`."));
    assertEquals(List.of(), after("Then type `make`.\n\nIt prints `built`."));
  }

  @Test
  void proseAfterTheNextBlockOrHeadingBelongsElsewhere() {
    List<CodeBlock> blocks =
        blocks(
            "## One\n\n```bash\necho one\n```\n\n```text\none\n```\n\nIt prints `one`.\n\n"
                + "## Two\n\n```bash\necho two\n```\n\n## Three\n\nIt prints `two`.\n");

    assertEquals(3, blocks.size());
    assertEquals(List.of(), blocks.get(0).statedOutputs(), "an output block comes first");
    assertEquals(List.of(), blocks.get(2).statedOutputs(), "another heading comes first");
  }

  @Test
  void filesAndOtherCodeHaveNoStatedOutput() {
    List<CodeBlock> blocks =
        blocks(
            "## Go\n\nSave the following as `a.sh`:\n\n```bash\necho hi\n```\n\nIt prints `hi`.\n"
                + "\n```python\nprint(1)\n```\n\nIt prints `1`.\n");

    assertEquals(
        List.of(BlockKind.FILE, BlockKind.SKIPPED), blocks.stream().map(CodeBlock::kind).toList());
    assertTrue(blocks.stream().allMatch(b -> b.statedOutputs().isEmpty()));
  }

  @Test
  void sentencesAreSplitOutsideCodeWithTheirLines() {
    List<StatedOutputReader.Sentence> sentences =
        StatedOutputReader.sentences(
            new dev.smileloop.learner.entity.Paragraph(
                5, List.of("First one, e.g. this. Then `a. b`", "goes on! Last?"), false));

    assertEquals(
        List.of("First one, e.g. this.", "Then `a. b` goes on!", "Last?"),
        sentences.stream().map(StatedOutputReader.Sentence::text).toList());
    assertEquals(
        List.of(5, 5, 6), sentences.stream().map(StatedOutputReader.Sentence::line).toList());
    assertEquals(List.of("a. b"), sentences.get(1).codes());
    assertFalse(sentences.get(1).prose().contains("a. b"));
  }
}
