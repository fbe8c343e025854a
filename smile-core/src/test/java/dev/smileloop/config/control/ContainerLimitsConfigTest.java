package dev.smileloop.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code container.limits} in smile.json. */
class ContainerLimitsConfigTest {

  @TempDir Path dir;

  private SmileConfig read(String text) {
    JsonObject json = Json.createReader(new StringReader(text)).readObject();
    return ConfigLoader.fromJson(json, dir);
  }

  @Test
  void absentLimitsAreTheDefaults() {
    assertEquals(
        new SandboxLimits(256, 2048, 1024, 1024, 256, 600), read("{}").container().limits());
    assertEquals(
        SandboxLimits.defaults(),
        read("{\"container\": {\"network\": true}}").container().limits());
  }

  @Test
  void eachLimitCanBeSetAndTheOthersKeepTheirDefaults() {
    SandboxLimits limits =
        read("{\"container\": {\"limits\": {\"processes\": 64, \"tmpMb\": 32, \"cpuSeconds\": 5}}}")
            .container()
            .limits();

    assertEquals(new SandboxLimits(64, 2048, 1024, 1024, 32, 5), limits);
  }

  @Test
  void aNonPositiveLimitIsRefusedNamingTheField() {
    SmileException e =
        assertThrows(
            SmileException.class, () -> read("{\"container\": {\"limits\": {\"memoryMb\": 0}}}"));

    assertEquals("container.limits.memoryMb must be a positive integer, got 0", e.getMessage());
  }

  @Test
  void limitsAreWrittenBackSoThatTheyReadTheSame() {
    SmileConfig config =
        read("{\"container\": {\"limits\": {\"workspaceMb\": 300, \"fileSizeMb\": 100}}}");

    SmileConfig again = ConfigLoader.fromJson(ConfigLoader.toJson(config), dir);

    assertEquals(config.container().limits(), again.container().limits());
    assertEquals(
        300,
        ConfigLoader.toJson(config)
            .getJsonObject("container")
            .getJsonObject("limits")
            .getInt("workspaceMb"));
  }
}
