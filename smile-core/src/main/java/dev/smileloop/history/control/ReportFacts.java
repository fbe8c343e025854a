package dev.smileloop.history.control;

import dev.smileloop.history.entity.RunFinding;
import dev.smileloop.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Facts read from the JSON report document rather than from the report records: the environment
 * findings and the assumed-environment manifest, wherever the report keeps them (top level or in
 * the summary). Reading the document keeps the history independent of how those parts of the report
 * model evolve; absent parts are simply not there.
 */
final class ReportFacts {

  private final JsonObject report;

  ReportFacts(String reportJson) {
    try (JsonReader reader = Jsonp.createReader(new StringReader(reportJson))) {
      this.report = reader.readObject();
    }
  }

  JsonObject document() {
    return report;
  }

  List<RunFinding> environmentFindings() {
    JsonValue value = find("environmentFindings");
    List<RunFinding> findings = new ArrayList<>();
    if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
      return findings;
    }
    for (JsonValue item : value.asJsonArray()) {
      if (item.getValueType() == JsonValue.ValueType.OBJECT) {
        JsonObject f = item.asJsonObject();
        JsonValue line = f.get("line");
        findings.add(
            new RunFinding(
                text(f, "kind"),
                line instanceof JsonNumber n ? n.intValue() : null,
                text(f, "quote"),
                text(f, "step"),
                text(f, "command"),
                text(f, "evidence"),
                text(f, "advice")));
      }
    }
    return findings;
  }

  /** The manifest of the environment the tutorial assumes, or JSON null. */
  JsonValue manifest() {
    JsonValue value = find("manifest");
    return value == null ? JsonValue.NULL : value;
  }

  private JsonValue find(String name) {
    if (report.containsKey(name)) {
      return report.get(name);
    }
    JsonValue summary = report.get("summary");
    return summary != null && summary.getValueType() == JsonValue.ValueType.OBJECT
        ? summary.asJsonObject().get(name)
        : null;
  }

  private static String text(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value instanceof JsonString s ? s.getString() : null;
  }
}
