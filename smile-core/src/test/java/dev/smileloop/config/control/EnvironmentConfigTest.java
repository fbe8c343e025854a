package dev.smileloop.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.EnvironmentSettings;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {

  private static final Path DIR = Path.of("/projects/demo");

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void theBaselineDefaultsToPosix() {
    assertEquals(List.of("posix"), ConfigLoader.fromJson(json("{}"), DIR).environment().baseline());
  }

  @Test
  void aConfiguredBaselineIsReadAndWrittenBack() {
    SmileConfig config =
        ConfigLoader.fromJson(
            json("{\"environment\": {\"baseline\": [\"posix\", \" git \"]}}"), DIR);

    assertEquals(new EnvironmentSettings(List.of("posix", "git")), config.environment());
    assertEquals(config, ConfigLoader.fromJson(ConfigLoader.toJson(config), DIR));
  }

  @Test
  void aBaselineThatIsNotAListOfNamesNamesTheField() {
    SmileException notArray =
        assertThrows(
            SmileException.class,
            () -> ConfigLoader.fromJson(json("{\"environment\": {\"baseline\": \"posix\"}}"), DIR));
    SmileException blank =
        assertThrows(
            SmileException.class,
            () ->
                ConfigLoader.fromJson(
                    json("{\"environment\": {\"baseline\": [\"posix\", \"\"]}}"), DIR));

    assertTrue(
        notArray.getMessage().contains("environment.baseline must be an array"),
        notArray.getMessage());
    assertTrue(
        blank.getMessage().contains("environment.baseline[1] must be a non-empty string"),
        blank.getMessage());
  }
}
