package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  @Test
  void onlyEnvironmentFindingsStoppingTheRunExitSix() {
    JsonObject report =
        json(
            "{\"gaps\": [], \"environmentFindings\": [{\"kind\": \"network\"}],"
                + " \"summary\": {\"environmentPreventedValidation\": true}}");

    Main.ReportFacts facts = Main.reportFacts(report);

    assertEquals(0, facts.gaps());
    assertEquals(1, facts.environmentFindings());
    assertTrue(facts.environmentPrevented());
    assertEquals(6, Main.exitCode("blocker", facts.gaps(), facts.environmentPrevented()));
    assertEquals(6, Main.exitCode("max_iterations", 0, true));
  }

  @Test
  void aGapOfTheTutorialOrAnotherEndingKeepsItsOwnCode() {
    assertEquals(2, Main.exitCode("blocker", 1, false));
    assertEquals(1, Main.exitCode("completed", 1, false));
    assertEquals(0, Main.exitCode("completed", 0, false));
    assertEquals(3, Main.exitCode("timeout", 0, true), "a timeout stays a timeout");
    assertEquals(5, Main.exitCode("stopped", 0, true));
  }

  @Test
  void aReportFromAnOlderServerHasNoEnvironmentFields() {
    Main.ReportFacts facts = Main.reportFacts(json("{\"gaps\": [{}, {}], \"summary\": {}}"));

    assertEquals(2, facts.gaps());
    assertFalse(facts.environmentPrevented());
  }

  @Test
  void aBlankStepNameIsNeverPrintedAsEmptyQuotes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressPrinter printer =
        new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    printer.print(
        json(
            "{\"event\": \"student_output\", \"payload\": {\"status\": \"ask_mentor\","
                + " \"currentStep\": \"  \"}}"));
    printer.print(
        json(
            "{\"event\": \"loop_complete\", \"payload\": {\"status\": \"blocker\","
                + " \"iterations\": 1, \"summary\": \"\"}}"));

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("  Student: ask_mentor\n"), printed);
    assertFalse(printed.contains("at \"\""), printed);
    assertTrue(printed.contains("Loop ended: blocker after 1 iteration(s)\n"), printed);
  }
}
