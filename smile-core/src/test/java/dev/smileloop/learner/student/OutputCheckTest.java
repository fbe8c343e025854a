package dev.smileloop.learner.student;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.smileloop.learner.entity.StatedOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCheckTest {

  private static StatedOutput says(String... fragments) {
    return new StatedOutput(7, "It prints ...", List.of(fragments), false);
  }

  @Test
  void aFragmentThatAppearsAnywhereInTheOutputMatches() {
    assertEquals(List.of(), OutputCheck.missing(says("total: 6"), "a.txt: 3\nb.txt: 3\ntotal: 6"));
    assertEquals(List.of(), OutputCheck.missing(says("2"), "      2"));
  }

  @Test
  void whitespaceRunsCaseColoursAndCurlyQuotesDoNotMatter() {
    assertEquals(
        List.of(),
        OutputCheck.missing(
            says("built in   release mode", "it’s OK"),
            "\u001B[32mBuilt in\nrelease\tmode\u001B[0m\nIt's ok"));
  }

  @Test
  void trailingPunctuationOfTheSentenceIsForgiven() {
    assertEquals(List.of(), OutputCheck.missing(says("Saved 2 notes."), "Saved 2 notes"));
    assertEquals(List.of(), OutputCheck.missing(says("Hello, Ada!"), "Hello, Ada!"));
  }

  @Test
  void missingFragmentsAreListedInOrder() {
    assertEquals(
        List.of("total: 7", "done"),
        OutputCheck.missing(says("total: 7", "a.txt", "done"), "a.txt: 3\ntotal: 6"));
    assertEquals(List.of("ok"), OutputCheck.missing(says("ok"), ""));
  }

  @Test
  void theProblemQuotesTheClaimAndTheLastLinesPrinted() {
    assertEquals(
        "The tutorial says this prints `total: 7`, but it printed: `b ⏎ c ⏎ total: 6`",
        OutputCheck.problem(says("total: 7"), List.of("total: 7"), "a\n\nb\nc\n  total:   6\n"));
    assertEquals(
        "The tutorial says the last command prints `x` and `y`, but it printed nothing",
        OutputCheck.problem(
            new StatedOutput(3, "The last command prints `x` and `y`.", List.of("x", "y"), true),
            List.of("x", "y"),
            "\n"));
  }

  @Test
  void aLongTailIsShortenedFromTheFront() {
    String tail = OutputCheck.tail("x".repeat(500) + "\nlast `line`");

    assertEquals(160, tail.length());
    assertEquals('…', tail.charAt(0));
    assertEquals("last 'line'", tail.substring(tail.length() - 11));
  }
}
