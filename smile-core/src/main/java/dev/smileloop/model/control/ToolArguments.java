package dev.smileloop.model.control;

import dev.smileloop.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON arguments of one tool call, read leniently; {@code error} says why they are unusable.
 */
record ToolArguments(JsonObject json, String error) {

  static ToolArguments parse(String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return new ToolArguments(JsonValue.EMPTY_JSON_OBJECT, null);
    }
    try (JsonReader reader = Jsonp.createReader(new StringReader(arguments))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return new ToolArguments(JsonValue.EMPTY_JSON_OBJECT, "the arguments are not an object");
      }
      return new ToolArguments(value.asJsonObject(), null);
    } catch (RuntimeException e) {
      return new ToolArguments(
          JsonValue.EMPTY_JSON_OBJECT, "the arguments are not valid JSON: " + e.getMessage());
    }
  }

  /** A non-blank string argument. */
  Optional<String> text(String name) {
    return raw(name).filter(s -> !s.isBlank());
  }

  /** A string argument as given, blank allowed (file content). */
  Optional<String> raw(String name) {
    return json.get(name) instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
  }

  /** An integer argument (a number or a numeric string), 0 when absent. */
  int integer(String name) {
    JsonValue value = json.get(name);
    if (value instanceof JsonNumber n) {
      return n.intValue();
    }
    if (value instanceof JsonString s) {
      try {
        return Integer.parseInt(s.getString().strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  List<String> list(String name) {
    List<String> values = new ArrayList<>();
    if (json.get(name) instanceof jakarta.json.JsonArray array) {
      for (JsonValue v : array) {
        if (v instanceof JsonString s && !s.getString().isBlank()) {
          values.add(s.getString().strip());
        }
      }
    }
    return values;
  }
}
