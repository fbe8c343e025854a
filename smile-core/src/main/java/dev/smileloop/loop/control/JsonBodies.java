package dev.smileloop.loop.control;

import dev.smileloop.problem.SmileException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads request bodies as JSON objects, with errors that say what and where. */
public final class JsonBodies {

  private JsonBodies() {}

  /** Parses a body that must be a JSON object; a blank body is an empty object when allowed. */
  public static JsonObject object(String body, boolean blankAllowed) {
    if (body == null || body.isBlank()) {
      if (blankAllowed) {
        return JsonValue.EMPTY_JSON_OBJECT;
      }
      throw SmileException.invalid("the request body is empty; a JSON object is expected");
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      JsonStructure structure = reader.read();
      if (structure instanceof JsonObject object) {
        return object;
      }
      throw SmileException.invalid("the request body must be a JSON object, got a JSON array");
    } catch (JsonParsingException e) {
      JsonLocation at = e.getLocation();
      throw SmileException.invalid(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber())
              + ": "
              + e.getMessage());
    } catch (JsonException e) {
      throw SmileException.invalid("the request body is not valid JSON: " + e.getMessage());
    }
  }

  /** An optional string field; present but not a string is an error naming it. */
  public static Optional<String> string(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw SmileException.invalid(field + " must be a string, got " + typeName(value));
    }
    return Optional.of(object.getString(field));
  }

  /** An optional boolean field; present but not a boolean is an error naming it. */
  public static boolean bool(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return false;
    }
    if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
      throw SmileException.invalid(field + " must be true or false, got " + typeName(value));
    }
    return value == JsonValue.TRUE;
  }

  /** An optional object field; present but not an object is an error naming it. */
  public static Optional<JsonObject> object(JsonObject object, String field) {
    JsonValue value = object.get(field);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw SmileException.invalid(field + " must be a JSON object, got " + typeName(value));
    }
    return Optional.of(value.asJsonObject());
  }

  /** An optional ISO-8601 instant field such as a callback's {@code timestamp}. */
  public static Optional<Instant> instant(JsonObject object, String field) {
    return string(object, field)
        .map(
            text -> {
              try {
                return Instant.parse(text);
              } catch (DateTimeParseException e) {
                throw SmileException.invalid(
                    field
                        + " must be an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z, got \""
                        + text
                        + "\"");
              }
            });
  }

  public static String typeName(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case TRUE, FALSE -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
    };
  }
}
