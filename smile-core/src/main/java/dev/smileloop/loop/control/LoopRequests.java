package dev.smileloop.loop.control;

import dev.smileloop.config.control.ConfigLoader;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.control.TutorialLoader;
import dev.smileloop.tutorial.entity.Tutorial;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a start request ({@code POST /api/loop}) into a {@link LoopRequest}.
 *
 * <p>Fields: {@code tutorialContent} (Markdown) or {@code tutorialPath} (a file the server can
 * read), {@code configPath} (a {@code smile.json} the server can read), {@code config} (fields of
 * {@code smile.json} that override the file's). Relative paths resolve against the server's working
 * directory; without either tutorial field the configuration's {@code tutorial} is used.
 */
public final class LoopRequests {

  private LoopRequests() {}

  public static LoopRequest parse(JsonObject body, Path workDir) {
    Optional<String> content = JsonBodies.string(body, "tutorialContent");
    Optional<String> tutorialPath = JsonBodies.string(body, "tutorialPath");
    if (content.isPresent() && tutorialPath.isPresent()) {
      throw SmileException.invalid("give either tutorialContent or tutorialPath, not both");
    }
    SmileConfig config = config(body, workDir);
    Tutorial tutorial =
        content.isPresent()
            ? TutorialLoader.fromContent(content.get(), "inline tutorial")
            : TutorialLoader.load(
                tutorialPath
                    .map(p -> workDir.resolve(p).toAbsolutePath().normalize())
                    .orElse(config.tutorialPath()));
    return new LoopRequest(tutorial, config);
  }

  /**
   * The request's configuration: {@code configPath}'s file (or defaults) with {@code config} over
   * it.
   */
  public static SmileConfig config(JsonObject body, Path workDir) {
    SmileConfig base =
        JsonBodies.string(body, "configPath")
            .map(p -> configFile(workDir.resolve(p).toAbsolutePath().normalize()))
            .orElseGet(() -> SmileConfig.defaults(workDir.toAbsolutePath().normalize()));
    return JsonBodies.object(body, "config").map(o -> ConfigLoader.fromJson(o, base)).orElse(base);
  }

  private static SmileConfig configFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new SmileException(
          SmileException.Kind.NOT_FOUND, "configuration file not found: " + path);
    }
    return ConfigLoader.load(path);
  }
}
