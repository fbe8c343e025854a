package dev.smileloop.history.control;

import dev.smileloop.history.entity.RunGap;
import dev.smileloop.report.entity.FixedGap;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.RunComparison;
import dev.smileloop.report.entity.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compares a run's gaps with the previous run's. Two gaps are the same when they have the same kind
 * and the same quoted tutorial text after normalising (case, whitespace, Markdown code marks, shell
 * prompts), so a gap stays "still there" when lines above it were added or removed. The line only
 * breaks ties between equal quotes. A gap without a quote is matched by its step heading.
 */
public final class GapMatcher {

  private static final Pattern CODE_MARKS = Pattern.compile("[`*_]+");
  private static final Pattern PROMPT = Pattern.compile("^\\s*[$>#]\\s+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private GapMatcher() {}

  /** The first run of a tutorial: every gap is new. */
  public static RunComparison firstRun(List<Gap> current) {
    Map<String, GapChange> changes = new LinkedHashMap<>();
    current.forEach(g -> changes.put(g.id(), GapChange.NEW));
    return new RunComparison(null, null, changes, List.of());
  }

  /** {@code current} against the gaps the previous run {@code previousRunId} stored. */
  public static RunComparison compare(
      long previousRunId, Instant previousRunAt, List<RunGap> previous, List<Gap> current) {
    Map<String, List<RunGap>> unmatched = new HashMap<>();
    for (RunGap gap : previous) {
      if (!GapChange.FIXED.wireName().equals(gap.sinceLastRun())) {
        unmatched
            .computeIfAbsent(
                fingerprint(gap.kind(), gap.quote(), gap.heading()), k -> new ArrayList<>())
            .add(gap);
      }
    }
    Map<String, GapChange> changes = new LinkedHashMap<>();
    for (Gap gap : current) {
      List<RunGap> candidates =
          unmatched.get(
              fingerprint(gap.kind().wireName(), gap.location().quote(), gap.location().heading()));
      if (candidates == null || candidates.isEmpty()) {
        changes.put(gap.id(), GapChange.NEW);
        continue;
      }
      int line = gap.location().line();
      RunGap nearest =
          candidates.stream()
              .min(Comparator.comparingInt(c -> Math.abs(c.lineStart() - line)))
              .orElseThrow();
      candidates.remove(nearest);
      changes.put(gap.id(), GapChange.STILL_THERE);
    }
    List<FixedGap> fixed =
        previous.stream()
            .filter(g -> unmatched.values().stream().anyMatch(list -> list.contains(g)))
            .map(GapMatcher::fixed)
            .toList();
    return new RunComparison(previousRunId, previousRunAt, changes, fixed);
  }

  /** What identifies a gap across runs: its kind and its normalised quote (or heading). */
  public static String fingerprint(String kind, String quote, String heading) {
    String text = normalise(quote);
    if (text.isEmpty()) {
      text = "heading:" + normalise(heading);
    }
    return kind + "\u0000" + text;
  }

  static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String plain = CODE_MARKS.matcher(PROMPT.matcher(text).replaceAll("")).replaceAll("");
    return SPACE.matcher(plain).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }

  private static FixedGap fixed(RunGap gap) {
    return new FixedGap(
        GapKind.fromTrigger(gap.kind()),
        Severity.valueOf(gap.severity().toUpperCase(Locale.ROOT)),
        gap.title(),
        gap.lineStart(),
        gap.quote(),
        gap.heading());
  }
}
