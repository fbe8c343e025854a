package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.report.entity.EnvironmentKind;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.Report;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifReportTest {

  private static JsonObject parse(String sarif) {
    return Json.createReader(new StringReader(sarif)).readObject();
  }

  private static JsonObject run(String sarif) {
    return parse(sarif).getJsonArray("runs").getJsonObject(0);
  }

  @Test
  void oneRunWithTheToolAndOneRulePerGapKindThenOnePerEnvironmentKind() {
    JsonObject sarif = parse(new ReportRenderer().sarif(Scenarios.completed().report()));
    assertEquals("2.1.0", sarif.getString("version"));
    assertTrue(sarif.getString("$schema").endsWith("sarif-schema-2.1.0.json"));
    assertEquals(1, sarif.getJsonArray("runs").size());
    JsonObject driver =
        sarif.getJsonArray("runs").getJsonObject(0).getJsonObject("tool").getJsonObject("driver");
    assertEquals("SMILE Loop", driver.getString("name"));
    assertEquals("test", driver.getString("version"));
    List<String> rules = new java.util.ArrayList<>();
    Arrays.stream(GapKind.values()).map(GapKind::wireName).forEach(rules::add);
    Arrays.stream(EnvironmentKind.values()).map(EnvironmentKind::ruleId).forEach(rules::add);
    assertEquals(
        rules,
        driver.getJsonArray("rules").stream().map(r -> r.asJsonObject().getString("id")).toList());
    assertTrue(
        driver
                .getJsonArray("rules")
                .getJsonObject(0)
                .getJsonObject("shortDescription")
                .getString("text")
                .length()
            > 3);
    assertTrue(
        run(new ReportRenderer().sarif(Scenarios.completed().report()))
            .getJsonArray("results")
            .isEmpty());
  }

  @Test
  void anEnvironmentFindingIsANoteUnderItsOwnRuleNotAWarning() {
    Report report = Scenarios.offline().report();
    List<JsonObject> results =
        run(new ReportRenderer().sarif(report)).getJsonArray("results").stream()
            .map(JsonValue::asJsonObject)
            .toList();

    assertEquals(1, results.size());
    JsonObject note = results.get(0);
    assertEquals("environment/network", note.getString("ruleId"));
    assertEquals("note", note.getString("level"));
    assertEquals(
        "environment/network",
        run(new ReportRenderer().sarif(report))
            .getJsonObject("tool")
            .getJsonObject("driver")
            .getJsonArray("rules")
            .getJsonObject(note.getInt("ruleIndex"))
            .getString("id"));
    assertEquals(
        12,
        note.getJsonArray("locations")
            .getJsonObject(0)
            .getJsonObject("physicalLocation")
            .getJsonObject("region")
            .getInt("startLine"));
  }

  @Test
  void oneResultPerGapWithLevelLocationSnippetAndSuggestion() {
    Report report = Scenarios.fixedInSecondIteration().report();
    List<JsonObject> results =
        run(new ReportRenderer().sarif(report)).getJsonArray("results").stream()
            .map(JsonValue::asJsonObject)
            .toList();
    assertEquals(report.gaps().size(), results.size());
    JsonObject tree = results.get(0);
    assertEquals("missing_dependency", tree.getString("ruleId"));
    assertEquals(GapKind.MISSING_DEPENDENCY.ordinal(), tree.getInt("ruleIndex"));
    assertEquals("warning", tree.getString("level"));
    assertTrue(
        tree.getJsonObject("message")
            .getString("text")
            .startsWith("Missing dependency at line 20: tree notes."));
    JsonObject physical =
        tree.getJsonArray("locations").getJsonObject(0).getJsonObject("physicalLocation");
    assertEquals("docs/word-count.md", physical.getJsonObject("artifactLocation").getString("uri"));
    assertEquals("SRCROOT", physical.getJsonObject("artifactLocation").getString("uriBaseId"));
    assertEquals(20, physical.getJsonObject("region").getInt("startLine"));
    assertEquals(
        "tree notes", physical.getJsonObject("region").getJsonObject("snippet").getString("text"));
    String suggestion = tree.getJsonObject("properties").getString("suggestion");
    assertTrue(suggestion.startsWith(Scenarios.TREE_ANSWER));
    assertTrue(suggestion.endsWith("Commands after which the step passed: find notes"));
    assertEquals("note", results.get(1).getString("level"), "a minor gap is a note");
    assertEquals(
        "error",
        run(new ReportRenderer().sarif(Scenarios.blocker().report()))
            .getJsonArray("results")
            .getJsonObject(0)
            .getString("level"),
        "a critical gap is an error");
  }

  @Test
  void aGapWithoutALineStillPointsAtAValidLine() {
    var lost =
        dev.smileloop.agent.entity.StudentOutput.of(
            dev.smileloop.agent.entity.StudentStatus.ASK_MENTOR,
            null,
            "Something odd",
            "Help?",
            null,
            null);
    var state =
        new dev.smileloop.loop.entity.LoopState(
            "x",
            dev.smileloop.loop.entity.LoopStatus.MAX_ITERATIONS,
            1,
            1,
            "t.md",
            List.of(),
            List.of(
                new dev.smileloop.loop.entity.IterationRecord(
                    1, lost, null, Scenarios.at(1), Scenarios.at(2))),
            Scenarios.T0,
            Scenarios.at(3),
            null,
            null);
    String sarif =
        new ReportRenderer()
            .sarif(
                Scenarios.builder()
                    .build(state, Scenarios.wordCount(), Scenarios.config(), Scenarios.CLOCK));
    Validators.assertValidSarif(sarif);
    JsonObject region =
        run(sarif)
            .getJsonArray("results")
            .getJsonObject(0)
            .getJsonArray("locations")
            .getJsonObject(0)
            .getJsonObject("physicalLocation")
            .getJsonObject("region");
    assertEquals(1, region.getInt("startLine"));
    assertFalse(region.containsKey("snippet"));
  }

  @Test
  void aConfiguredSourceRootIsDeclaredAsSrcroot() {
    String sarif =
        new ReportRenderer(URI.create("file:///work/docs")).sarif(Scenarios.stopped().report());
    assertEquals(
        "file:///work/docs/",
        run(sarif).getJsonObject("originalUriBaseIds").getJsonObject("SRCROOT").getString("uri"));
    assertFalse(
        run(new ReportRenderer().sarif(Scenarios.stopped().report()))
            .containsKey("originalUriBaseIds"));
  }

  @Test
  void aRelativeSourceRootIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new ReportRenderer(URI.create("docs/")));
  }
}
