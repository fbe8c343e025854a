package dev.smileloop.learner.corpus;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.config.entity.EnvironmentSettings;
import dev.smileloop.learner.mentor.EnvironmentCauses;
import dev.smileloop.manifest.control.Baseline;
import dev.smileloop.manifest.control.ManifestBuilder;
import dev.smileloop.manifest.entity.ManifestEntry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One corpus tutorial and what a careful reader finds in it ({@code expected.json}): the outcome
 * ({@code clean}, {@code gaps}, {@code blocked}, {@code environment}, {@code nothing_to_validate}),
 * the gap lines with their kinds, the environment findings, and what the case needs beyond the
 * learner ({@code requires}: {@code environment-classifier}, {@code manifest}).
 */
record CorpusCase(
    String name,
    Path tutorial,
    String outcome,
    Set<Finding> gaps,
    Set<Finding> environmentFindings,
    List<String> requires) {

  /** A finding at a tutorial line. */
  record Finding(int line, String kind) {}

  static List<CorpusCase> all(Path root) throws IOException {
    try (Stream<Path> folders = Files.list(root)) {
      return folders
          .filter(folder -> Files.isRegularFile(folder.resolve("expected.json")))
          .sorted()
          .map(CorpusCase::read)
          .toList();
    }
  }

  private static CorpusCase read(Path folder) {
    try (Reader in = Files.newBufferedReader(folder.resolve("expected.json"));
        JsonReader json = Json.createReader(in)) {
      JsonObject expected = json.readObject();
      return new CorpusCase(
          folder.getFileName().toString(),
          folder.resolve("tutorial.md"),
          expected.getString("outcome"),
          findings(expected, "gaps"),
          findings(expected, "environmentFindings"),
          expected.containsKey("requires")
              ? expected.getJsonArray("requires").getValuesAs(JsonValue::toString).stream()
                  .map(s -> s.replace("\"", ""))
                  .toList()
              : List.of());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + folder, e);
    }
  }

  private static Set<Finding> findings(JsonObject expected, String key) {
    return expected.getJsonArray(key).getValuesAs(JsonObject.class).stream()
        .map(o -> new Finding(o.getInt("line"), o.getString("kind")))
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Whether this build has a part a corpus case needs. */
  static boolean available(String need) {
    return switch (need) {
      case "environment-classifier" ->
          EnvironmentCauses.classify(
                  new CommandRecord(
                      "curl -sS https://example.com",
                      1,
                      "Step",
                      6,
                      "curl: (6) Could not resolve host: example.com",
                      5,
                      false,
                      false),
                  "Step",
                  Set.of())
              .isPresent();
      case "manifest" ->
          new ManifestBuilder(new Baseline(List.of(EnvironmentSettings.POSIX)), tool -> "1.0")
                  .build(
                      "```bash\njq . data.json\n```\n",
                      List.of(new ManifestBuilder.Ran("jq . data.json", 2)))
                  .entries()
                  .stream()
                  .anyMatch(ManifestEntry::missingPrerequisite);
      default -> false;
    };
  }

  /** Whether this build has every part the case needs. */
  boolean runnable() {
    return requires.stream().allMatch(CorpusCase::available);
  }
}
