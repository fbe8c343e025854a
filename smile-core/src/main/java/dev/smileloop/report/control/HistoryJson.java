package dev.smileloop.report.control;

import static dev.smileloop.report.control.JsonSupport.put;

import dev.smileloop.json.Jsonp;
import dev.smileloop.report.entity.FixedGap;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.RunComparison;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * The run-history part of {@code smile-report.json}: {@code gaps[].sinceLastRun} and {@code
 * summary.sinceLastRun} (both null when no history is kept).
 */
final class HistoryJson {

  private HistoryJson() {}

  static JsonObjectBuilder mark(JsonObjectBuilder gap, Gap g, RunComparison comparison) {
    return comparison == null
        ? gap.addNull("sinceLastRun")
        : gap.add("sinceLastRun", comparison.change(g).wireName());
  }

  static JsonValue summary(RunComparison comparison) {
    if (comparison == null) {
      return JsonValue.NULL;
    }
    JsonObjectBuilder history = Jsonp.createObjectBuilder();
    put(history, "previousRunId", comparison.previousRunId());
    put(history, "previousRunAt", comparison.previousRunAt());
    history
        .add("new", comparison.count(GapChange.NEW))
        .add("stillThere", comparison.count(GapChange.STILL_THERE));
    JsonArrayBuilder fixed = Jsonp.createArrayBuilder();
    for (FixedGap f : comparison.fixed()) {
      JsonObjectBuilder gap =
          Jsonp.createObjectBuilder()
              .add("kind", f.kind().wireName())
              .add("severity", f.severity().wireName());
      put(gap, "title", f.title());
      gap.add("line", f.line());
      put(gap, "quote", f.quote());
      put(gap, "heading", f.heading());
      fixed.add(gap);
    }
    return history.add("fixed", fixed).build();
  }
}
