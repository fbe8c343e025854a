package dev.smileloop.report.control;

import dev.smileloop.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** JSON-P helpers for the JSON and SARIF renderers: explicit nulls and pretty printing. */
final class JsonSupport {

  private static final JsonWriterFactory PRETTY =
      Jsonp.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  private JsonSupport() {}

  static JsonObjectBuilder put(JsonObjectBuilder object, String name, String value) {
    return value == null ? object.addNull(name) : object.add(name, value);
  }

  static JsonObjectBuilder put(JsonObjectBuilder object, String name, Instant value) {
    return put(object, name, ReportTexts.iso(value));
  }

  static JsonObjectBuilder put(JsonObjectBuilder object, String name, Integer value) {
    return value == null ? object.addNull(name) : object.add(name, value);
  }

  static JsonObjectBuilder put(JsonObjectBuilder object, String name, Long value) {
    return value == null ? object.addNull(name) : object.add(name, value);
  }

  static JsonArrayBuilder strings(Collection<String> values) {
    JsonArrayBuilder array = Jsonp.createArrayBuilder();
    values.forEach(v -> array.add(v == null ? "" : v));
    return array;
  }

  static JsonArrayBuilder ints(Collection<Integer> values) {
    JsonArrayBuilder array = Jsonp.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  /** Pretty-printed, ending with a newline like any text file. */
  static String pretty(JsonObject object) {
    StringWriter text = new StringWriter();
    try (JsonWriter writer = PRETTY.createWriter(text)) {
      writer.write(object);
    }
    return text.toString().strip() + "\n";
  }
}
