package dev.smileloop.history.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.json.Jsonp;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import java.io.StringReader;
import java.nio.file.Path;

/** The configuration a run used, as JSON (JSON-B on the config records; paths as strings). */
public final class ConfigJson implements AutoCloseable {

  private final Jsonb jsonb =
      JsonbBuilder.create(new JsonbConfig().withAdapters(new PathAdapter()));

  public JsonValue of(SmileConfig config) {
    if (config == null) {
      return JsonValue.NULL;
    }
    try (JsonReader reader = Jsonp.createReader(new StringReader(jsonb.toJson(config)))) {
      return reader.readValue();
    }
  }

  @Override
  public void close() throws Exception {
    jsonb.close();
  }

  /** JSON-B has no standard mapping for {@link Path}. */
  public static final class PathAdapter implements JsonbAdapter<Path, String> {
    @Override
    public String adaptToJson(Path path) {
      return path.toString();
    }

    @Override
    public Path adaptFromJson(String text) {
      return Path.of(text);
    }
  }
}
