package dev.smileloop.learner.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smileloop.learner.corpus.CorpusCase.Finding;
import dev.smileloop.sandbox.control.TestSandboxes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus as a regression guard: every tutorial, run by the built-in learner and Mentor in the
 * real sandbox, gets a report whose outcome, gaps (line and kind) and environment findings are
 * those its {@code expected.json} names. A case that needs a part this build lacks ({@code
 * requires}) is skipped and says so.
 */
class CorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/corpus");

  @TempDir static Path work;

  private static CorpusRunner runner;

  @BeforeAll
  static void sandbox() {
    runner = new CorpusRunner(work, TestSandboxes.bubblewrap());
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusTutorialEndsAsExpected() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (CorpusCase corpusCase : CorpusCase.all(CORPUS)) {
      tests.add(DynamicTest.dynamicTest(corpusCase.name(), () -> check(corpusCase)));
    }
    assertTrue(tests.size() >= 25, "the corpus has at least 25 tutorials");
    return tests.stream();
  }

  private static void check(CorpusCase corpusCase) throws Exception {
    for (String need : corpusCase.requires()) {
      assumeTrue(
          CorpusCase.available(need),
          corpusCase.name() + " needs the " + need + ", not in this build");
    }
    CorpusRunner.Result result = runner.run(corpusCase);
    String found = corpusCase.name() + ": " + result;
    assertEquals(sorted(corpusCase.gaps()), sorted(result.gaps()), found);
    assertEquals(corpusCase.environmentFindings(), result.environmentFindings(), found);
    assertEquals(corpusCase.outcome(), result.outcome(), found);
  }

  private static List<String> sorted(Set<Finding> findings) {
    return findings.stream()
        .sorted(Comparator.comparingInt(Finding::line).thenComparing(Finding::kind))
        .map(f -> f.line() + " " + f.kind())
        .toList();
  }
}
