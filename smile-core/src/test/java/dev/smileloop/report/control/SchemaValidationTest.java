package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every representative loop's JSON, SARIF and JUnit XML validate against their schemas. */
class SchemaValidationTest {

  private final ReportRenderer renderer = new ReportRenderer();

  static Stream<Scenarios.Scenario> scenarios() {
    return Scenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void jsonMatchesItsPublishedSchema(Scenarios.Scenario scenario) {
    Validators.assertValidReportJson(renderer.json(scenario.report()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void sarifMatchesTheOfficialSarif210Schema(Scenarios.Scenario scenario) {
    Validators.assertValidSarif(renderer.sarif(scenario.report()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void sarifWithASourceRootMatchesTheOfficialSchema(Scenarios.Scenario scenario) {
    ReportRenderer rooted =
        new ReportRenderer(java.net.URI.create("file:///projects/notes-tutorial"));
    Validators.assertValidSarif(rooted.sarif(scenario.report()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void junitXmlMatchesTheJunitXsd(Scenarios.Scenario scenario) {
    Validators.assertValidJunit(renderer.junitXml(scenario.report()));
  }

  @Test
  void theValidatorsRejectBrokenDocuments() {
    String sarif = renderer.sarif(Scenarios.stopped().report());
    assertFalse(
        Validators.sarifErrors(sarif.replace("\"version\": \"2.1.0\"", "\"version\": \"2.0\""))
            .isEmpty());
    assertFalse(
        Validators.sarifErrors(
                sarif.replace(
                    "\"level\": \"warning\",\n                    \"message\"",
                    "\"level\": \"severe\",\n                    \"message\""))
            .isEmpty());
    String json = renderer.json(Scenarios.stopped().report());
    assertFalse(
        Validators.reportErrors(json.replace("\"severity\": \"major\"", "\"severity\": \"huge\""))
            .isEmpty());
    assertFalse(
        Validators.reportErrors(
                json.replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"2.0\""))
            .isEmpty());
    String xml = renderer.junitXml(Scenarios.stopped().report());
    Validators.assertJunitInvalid(xml.replace("tests=\"6\"", "tests=\"six\""));
    Validators.assertJunitInvalid(
        xml.replace("<testcase classname", "<testcase bogus=\"1\" classname"));
  }
}
