package dev.smileloop.loop.control;

import dev.smileloop.config.control.ConfigLoader;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.json.Jsonp;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.tutorial.entity.Tutorial;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * What the state file holds: enough to resume a crashed loop — the configuration, the tutorial (its
 * text too, so an inline tutorial survives) and the loop state.
 */
public record PersistedLoop(SmileConfig config, Tutorial tutorial, LoopState state) {

  private static final Jsonb JSONB = JsonbBuilder.create();
  private static final int VERSION = 1;

  /**
   * The file's layout: one JSON-B pass writes it, JSON-P fields keep config and tutorial as they
   * are.
   */
  public record FileLayout(
      int version, String baseDir, JsonObject config, JsonObject tutorial, LoopState state) {}

  public String toJson() {
    JsonObjectBuilder tutorialJson =
        Jsonp.createObjectBuilder()
            .add("name", tutorial.name())
            .add("markdown", tutorial.markdown());
    if (tutorial.path() != null) {
      tutorialJson.add("path", tutorial.path().toString());
    }
    return JSONB.toJson(
        new FileLayout(
            VERSION,
            config.baseDir().toString(),
            ConfigLoader.toJson(config),
            tutorialJson.build(),
            state));
  }

  public static PersistedLoop fromJson(String text) {
    JsonObject json = Jsonp.createReader(new StringReader(text)).readObject();
    SmileConfig config =
        ConfigLoader.fromJson(json.getJsonObject("config"), Path.of(json.getString("baseDir")));
    JsonObject t = json.getJsonObject("tutorial");
    Path path = t.containsKey("path") ? Path.of(t.getString("path")) : null;
    Tutorial tutorial =
        new Tutorial(
            t.getString("name"),
            path,
            path == null ? null : path.getParent(),
            t.getString("markdown"));
    LoopState state = JSONB.fromJson(json.getJsonObject("state").toString(), LoopState.class);
    return new PersistedLoop(config, tutorial, state);
  }
}
