package dev.smileloop.learner.corpus;

import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.sandbox.control.TestSandboxes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the whole corpus with the built-in learner and Mentor in the real bubblewrap sandbox, builds
 * each run's report and prints, per tutorial, what was expected and what the report says, then
 * precision and recall of gap lines, the outcome accuracy and the environment findings' scores. Not
 * a test: see BENCHMARKS.md for the command. The argument is the corpus folder (default: the test
 * resources).
 */
public final class CorpusBenchmark {

  private CorpusBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/corpus");
    Sandbox sandbox = TestSandboxes.bubblewrap();
    Path work = Files.createTempDirectory("smile-corpus");
    CorpusRunner runner = new CorpusRunner(work, sandbox);
    CorpusScore score = new CorpusScore();
    CorpusScore runnable = new CorpusScore();
    int lacking = 0;
    for (CorpusCase corpusCase : CorpusCase.all(root)) {
      CorpusRunner.Result result = runner.run(corpusCase);
      score.add(corpusCase, result);
      if (corpusCase.runnable()) {
        runnable.add(corpusCase, result);
      } else {
        lacking++;
      }
      boolean right =
          corpusCase.outcome().equals(result.outcome())
              && corpusCase.gaps().equals(result.gaps())
              && corpusCase.environmentFindings().equals(result.environmentFindings());
      System.out.printf(
          "%-4s %-28s expected %-20s found %-20s gaps %s -> %s env %s (%d ms)%n",
          right ? "ok" : "MISS",
          corpusCase.name(),
          corpusCase.outcome(),
          result.outcome(),
          corpusCase.gaps(),
          result.gaps(),
          result.environmentFindings(),
          result.millis());
      if (!right) {
        result.titles().forEach(title -> System.out.println("       report gap: " + title));
      }
    }
    System.out.println("all: " + score.summary());
    if (lacking > 0) {
      System.out.println(
          "without cases that need a part this build lacks (requires): " + runnable.summary());
    }
  }
}
