package dev.smileloop.config.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.MentorMode;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.problem.SmileException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private Path write(String content) throws IOException {
    Path file = dir.resolve("smile.json");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private SmileException invalid(String config) {
    SmileException e =
        assertThrows(SmileException.class, () -> ConfigLoader.fromJson(json(config), dir));
    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    return e;
  }

  @Test
  void absentFileGivesDefaultsRelativeToItsFolder() {
    SmileConfig config = ConfigLoader.load(dir.resolve("smile.json"));

    assertEquals(SmileConfig.defaults(dir.toAbsolutePath().normalize()), config);
    assertEquals(dir.resolve("tutorial.md").toAbsolutePath().normalize(), config.tutorialPath());
  }

  @Test
  void emptyObjectGivesDefaults() throws IOException {
    assertEquals(SmileConfig.defaults(dir.toAbsolutePath()), ConfigLoader.load(write("{}")));
  }

  @Test
  void everyFieldIsRead() throws IOException {
    Path file =
        write(
            """
            {
              "tutorial": "docs/guide.md",
              "llmProvider": "gemini",
              "maxIterations": 4,
              "timeout": 600,
              "containerImage": "debian:12",
              "studentBehavior": {
                "maxRetriesBeforeHelp": 5,
                "askOnMissingDependency": false,
                "askOnAmbiguousInstruction": false,
                "askOnCommandFailure": false,
                "askOnTimeout": false,
                "timeoutSeconds": 90,
                "patienceLevel": "high"
              },
              "container": {
                "keepOnFailure": false,
                "keepOnSuccess": true,
                "network": true,
                "allowUnsandboxed": true
              },
              "stateFile": "run/state.json",
              "outputDir": "reports"
            }
            """);

    SmileConfig config = ConfigLoader.load(file);

    assertEquals(
        new SmileConfig(
            dir.toAbsolutePath(),
            "docs/guide.md",
            LlmProvider.GEMINI,
            4,
            600,
            "debian:12",
            new StudentBehavior(5, false, false, false, false, 90, Patience.HIGH),
            new ContainerSettings(false, true, true, true),
            "run/state.json",
            "reports"),
        config);
    assertEquals(dir.resolve("reports").toAbsolutePath(), config.outputDirPath());
  }

  @Test
  void enumValuesIgnoreCase() {
    SmileConfig config =
        ConfigLoader.fromJson(
            json(
                "{\"llmProvider\": \"BuiltIn\", \"studentBehavior\": {\"patienceLevel\":"
                    + " \"MEDIUM\"}}"),
            dir);

    assertEquals(LlmProvider.BUILTIN, config.llmProvider());
    assertEquals(Patience.MEDIUM, config.studentBehavior().patienceLevel());
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() {
    SmileConfig config =
        ConfigLoader.fromJson(
            json(
                """
                {"futureFeature": {"x": 1}, "maxIterations": 3,
                 "studentBehavior": {"mood": "cheerful", "timeoutSeconds": 30},
                 "container": {"gpu": true}}
                """),
            dir);

    assertEquals(3, config.maxIterations());
    assertEquals(30, config.studentBehavior().timeoutSeconds());
    assertEquals(ContainerSettings.defaults(), config.container());
  }

  @Test
  void nullMeansKeepTheDefault() {
    SmileConfig config =
        ConfigLoader.fromJson(
            json("{\"maxIterations\": null, \"studentBehavior\": null, \"llmProvider\": null}"),
            dir);

    assertEquals(SmileConfig.defaults(dir), config);
  }

  @Test
  void syntaxErrorNamesFileLineAndColumn() throws IOException {
    Path file = write("{\n  \"maxIterations\": 3,\n  \"timeout\": ,\n}\n");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("smile.json"), e.getMessage());
    assertTrue(e.getMessage().contains("invalid JSON at line 3, column 14"), e.getMessage());
  }

  @Test
  void trailingCommaIsExplained() throws IOException {
    Path file = write("{\"maxIterations\": 3,\n}");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertTrue(e.getMessage().contains("line 2, column 1"), e.getMessage());
    assertTrue(e.getMessage().contains("comma"), e.getMessage());
  }

  @Test
  void contentAfterTheObjectIsASyntaxError() throws IOException {
    Path file = write("{\"maxIterations\": 3}\n{\"timeout\": 5}");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertTrue(e.getMessage().contains("invalid JSON at line 2"), e.getMessage());
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path file = write("  \n");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void topLevelMustBeAnObject() throws IOException {
    Path file = write("[1, 2]");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertTrue(e.getMessage().contains("must be a JSON object, got an array"), e.getMessage());
  }

  @Test
  void fieldErrorsFromAFileNameTheFile() throws IOException {
    Path file = write("{\"studentBehavior\": {\"timeoutSeconds\": -5}}");

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(file));

    assertTrue(
        e.getMessage()
            .endsWith(
                "smile.json: studentBehavior.timeoutSeconds must be a positive"
                    + " integer, got -5"),
        e.getMessage());
  }

  @Test
  void negativeNumberNamesTheNestedField() {
    assertEquals(
        "studentBehavior.timeoutSeconds must be a positive integer, got -5",
        invalid("{\"studentBehavior\": {\"timeoutSeconds\": -5}}").getMessage());
  }

  @Test
  void zeroIsNotPositive() {
    assertEquals(
        "maxIterations must be a positive integer, got 0",
        invalid("{\"maxIterations\": 0}").getMessage());
  }

  @Test
  void fractionIsNotAnInteger() {
    assertEquals(
        "timeout must be a positive integer, got 1.5", invalid("{\"timeout\": 1.5}").getMessage());
  }

  @Test
  void wholeNumberWrittenWithAFractionIsAccepted() {
    assertEquals(20, ConfigLoader.fromJson(json("{\"timeout\": 20.0}"), dir).timeout());
  }

  @Test
  void numberTooLargeForAnIntegerNamesTheLimit() {
    assertTrue(
        invalid("{\"timeout\": 99999999999}").getMessage().contains("no greater than 2147483647"));
  }

  @Test
  void numberAsStringIsAWrongType() {
    assertEquals(
        "studentBehavior.maxRetriesBeforeHelp must be a positive integer, got \"3\"",
        invalid("{\"studentBehavior\": {\"maxRetriesBeforeHelp\": \"3\"}}").getMessage());
  }

  @Test
  void unknownEnumValueListsTheChoices() {
    assertEquals(
        "llmProvider must be one of claude, codex, gemini, openai, anthropic, google, builtin, external, got \"gpt\"",
        invalid("{\"llmProvider\": \"gpt\"}").getMessage());
    assertEquals(
        "studentBehavior.patienceLevel must be one of low, medium, high, got \"extreme\"",
        invalid("{\"studentBehavior\": {\"patienceLevel\": \"extreme\"}}").getMessage());
  }

  @Test
  void mentorHumanIsReadWrittenAndDefaultsToTheAgent() {
    assertEquals(MentorMode.AGENT, SmileConfig.defaults(dir).mentor());
    SmileConfig human = ConfigLoader.fromJson(json("{\"mentor\": \"Human\"}"), dir);
    assertEquals(MentorMode.HUMAN, human.mentor());
    assertEquals("human", ConfigLoader.toJson(human).getString("mentor"));
    assertEquals(human, ConfigLoader.fromJson(ConfigLoader.toJson(human), dir));
    assertEquals(
        "mentor must be one of agent, human, got \"robot\"",
        invalid("{\"mentor\": \"robot\"}").getMessage());
  }

  @Test
  void booleanOfTheWrongTypeNamesTheField() {
    assertEquals(
        "container.keepOnFailure must be true or false, got \"yes\"",
        invalid("{\"container\": {\"keepOnFailure\": \"yes\"}}").getMessage());
  }

  @Test
  void nestedSectionMustBeAnObject() {
    assertEquals(
        "studentBehavior must be an object, got true",
        invalid("{\"studentBehavior\": true}").getMessage());
  }

  @Test
  void stringsMustNotBeBlank() {
    assertEquals(
        "tutorial must be a non-empty string, got \"  \"",
        invalid("{\"tutorial\": \"  \"}").getMessage());
    assertEquals(
        "containerImage must be a non-empty string, got 7",
        invalid("{\"containerImage\": 7}").getMessage());
  }

  @Test
  void overrideKeepsEveryFieldItDoesNotName() throws IOException {
    SmileConfig fromFile =
        ConfigLoader.load(
            write(
                "{\"maxIterations\": 7, \"llmProvider\": \"codex\","
                    + " \"studentBehavior\": {\"timeoutSeconds\": 45, \"askOnTimeout\": false}}"));

    SmileConfig merged =
        ConfigLoader.fromJson(
            json("{\"llmProvider\": \"builtin\", \"studentBehavior\": {\"timeoutSeconds\": 5}}"),
            fromFile);

    assertEquals(LlmProvider.BUILTIN, merged.llmProvider());
    assertEquals(7, merged.maxIterations());
    assertEquals(5, merged.studentBehavior().timeoutSeconds());
    assertFalse(merged.studentBehavior().askOnTimeout());
    assertEquals(fromFile.baseDir(), merged.baseDir());
  }

  @Test
  void toJsonRoundTripsEveryField() {
    SmileConfig config =
        new SmileConfig(
            dir,
            "a/b.md",
            LlmProvider.EXTERNAL,
            2,
            99,
            "img:1",
            new StudentBehavior(4, false, true, false, true, 12, Patience.MEDIUM),
            new ContainerSettings(false, true, true, false),
            "s.json",
            "out");

    JsonObject json = ConfigLoader.toJson(config);

    assertEquals("external", json.getString("llmProvider"));
    assertEquals("medium", json.getJsonObject("studentBehavior").getString("patienceLevel"));
    assertFalse(json.containsKey("baseDir"));
    assertEquals(config, ConfigLoader.fromJson(json, dir));
    assertEquals(config, ConfigLoader.fromJson(json, SmileConfig.defaults(dir)));
  }

  @Test
  void folderInsteadOfFileIsAnError() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("smile.json"));

    SmileException e = assertThrows(SmileException.class, () -> ConfigLoader.load(folder));

    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("folder"), e.getMessage());
  }

  @Test
  void byteOrderMarkIsTolerated() throws IOException {
    Path file = write("\uFEFF{\"maxIterations\": 2}");

    assertEquals(2, ConfigLoader.load(file).maxIterations());
  }
}
