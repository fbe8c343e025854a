package dev.smileloop.learner.corpus;

import dev.smileloop.learner.corpus.CorpusCase.Finding;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Scores runs against the corpus: precision and recall of gap lines, of environment findings (line
 * and kind), and the share of tutorials whose outcome was right.
 */
final class CorpusScore {

  private int gapHits;
  private int gapsFound;
  private int gapsExpected;
  private int findingHits;
  private int findingsFound;
  private int findingsExpected;
  private int outcomesRight;
  private int cases;

  void add(CorpusCase expected, CorpusRunner.Result actual) {
    cases++;
    Set<Integer> wanted = lines(expected.gaps());
    Set<Integer> found = lines(actual.gaps());
    gapsExpected += wanted.size();
    gapsFound += found.size();
    found.retainAll(wanted);
    gapHits += found.size();
    Set<Finding> findings = new HashSet<>(actual.environmentFindings());
    findingsExpected += expected.environmentFindings().size();
    findingsFound += findings.size();
    findings.retainAll(expected.environmentFindings());
    findingHits += findings.size();
    if (expected.outcome().equals(actual.outcome())) {
      outcomesRight++;
    }
  }

  private static Set<Integer> lines(Set<Finding> findings) {
    Set<Integer> lines = new HashSet<>();
    findings.forEach(f -> lines.add(f.line()));
    return lines;
  }

  double gapPrecision() {
    return ratio(gapHits, gapsFound);
  }

  double gapRecall() {
    return ratio(gapHits, gapsExpected);
  }

  double outcomeAccuracy() {
    return ratio(outcomesRight, cases);
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "%d tutorials: gap lines precision %.2f (%d/%d), recall %.2f (%d/%d); outcome accuracy"
            + " %.2f (%d/%d); environment findings precision %.2f (%d/%d), recall %.2f (%d/%d)",
        cases,
        gapPrecision(),
        gapHits,
        gapsFound,
        gapRecall(),
        gapHits,
        gapsExpected,
        outcomeAccuracy(),
        outcomesRight,
        cases,
        ratio(findingHits, findingsFound),
        findingHits,
        findingsFound,
        ratio(findingHits, findingsExpected),
        findingHits,
        findingsExpected);
  }

  private static double ratio(int part, int whole) {
    return whole == 0 ? 1.0 : (double) part / whole;
  }
}
