package dev.smileloop.loop.control;

import dev.smileloop.json.Jsonp;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.secret.SecretRedactor;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

/**
 * The {@link LoopState} as it leaves the server ({@code /api/status}, the {@code /ws} {@code
 * connected} event): every string value passes the {@link SecretRedactor}, as in the reports. It
 * works on the state's JSON, so a field added to the state or to the Student's output is masked
 * without a change here. The reduced form, for callers without a token, keeps only the loop's
 * progress: no outputs, notes, history, reason or report location.
 */
public final class StateMasking {

  private static final List<String> PUBLIC_FIELDS =
      List.of("loopId", "status", "iteration", "maxIterations", "startedAt", "updatedAt");

  private final Jsonb jsonb;
  private final SecretRedactor redactor;

  public StateMasking(Jsonb jsonb, SecretRedactor redactor) {
    this.jsonb = jsonb;
    this.redactor = redactor;
  }

  /** With the default JSON-B and this process's redactor. */
  public static StateMasking forThisProcess() {
    return new StateMasking(JsonbBuilder.create(), SecretRedactor.fromEnvironment());
  }

  /** The whole state as JSON, every string masked. */
  public JsonObject full(LoopState state) {
    return masked(json(state)).asJsonObject();
  }

  /** Any value JSON-B can write (a loop entry, a list of them), every string in it masked. */
  public JsonValue masked(Object value) {
    try (var reader = Jsonp.createReader(new StringReader(jsonb.toJson(value)))) {
      return masked(reader.readValue());
    }
  }

  /** Only the loop's progress, for callers without a token. */
  public JsonObject reduced(LoopState state) {
    JsonObject all = json(state);
    JsonObjectBuilder kept = Jsonp.createObjectBuilder();
    for (String field : PUBLIC_FIELDS) {
      if (all.containsKey(field)) {
        kept.add(field, all.get(field));
      }
    }
    return kept.build();
  }

  /** Masks the secrets in one text. */
  public String text(String text) {
    return redactor.redactUncut(text);
  }

  private JsonObject json(LoopState state) {
    try (var reader = Jsonp.createReader(new StringReader(jsonb.toJson(state)))) {
      return reader.readObject();
    }
  }

  private JsonValue masked(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> Jsonp.createValue(redactor.redactUncut(((JsonString) value).getString()));
      case OBJECT -> {
        JsonObjectBuilder object = Jsonp.createObjectBuilder();
        for (Map.Entry<String, JsonValue> field : value.asJsonObject().entrySet()) {
          object.add(field.getKey(), masked(field.getValue()));
        }
        yield object.build();
      }
      case ARRAY -> {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        for (JsonValue element : (JsonArray) value) {
          array.add(masked(element));
        }
        yield array.build();
      }
      default -> value;
    };
  }
}
