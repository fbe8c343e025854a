package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditLogTest {

  private static final Pattern LINE =
      Pattern.compile(
          "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) (iteration=\\d+ )?[a-z_]+( .*)?$");

  private final ReportRenderer renderer = new ReportRenderer();

  static Stream<Scenarios.Scenario> scenarios() {
    return Scenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyLineIsOneEventWithAUtcTimestampFirstInTimeOrder(Scenarios.Scenario scenario) {
    String log = renderer.auditLog(scenario.report());
    assertTrue(log.endsWith("\n"));
    List<String> lines = log.lines().toList();
    Instant previous = Instant.MIN;
    for (String line : lines) {
      var matcher = LINE.matcher(line);
      assertTrue(matcher.matches(), line);
      Instant time = Instant.parse(matcher.group(1));
      assertFalse(time.isBefore(previous), line);
      previous = time;
    }
    assertTrue(lines.get(0).contains(" loop_start "));
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.contains(" loop_end status=" + scenario.state().status().wireName())));
  }

  @Test
  void aCommandLineHasLineExitDurationAndTheCommand() {
    List<String> lines =
        renderer.auditLog(Scenarios.fixedInSecondIteration().report()).lines().toList();
    assertTrue(
        lines.contains(
            "2026-11-26T18:00:01.008Z iteration=1 command line=20 exit=127 duration_ms=4 cmd=\"tree notes\" seq=3"
                + " step=\"Step 2: Inspect the folder\" output=\"bash: line 1: tree: command not found\""),
        String.join("\n", lines));
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.contains(
                        " command line=0 exit=0 duration_ms=3 cmd=\"find notes\" seq=6 from_mentor=true")));
    assertEquals(
        8,
        lines.stream().filter(l -> l.matches("^\\S+ iteration=\\d+ command .*")).count(),
        "every command");
    assertEquals(
        3,
        lines.stream().filter(l -> l.matches("^\\S+ iteration=\\d+ file .*")).count(),
        "every file");
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "2026-11-26T18:00:18.000Z iteration=1 mentor answer=\"tree is not")));
  }

  @Test
  void valuesCannotBreakALineOrForgeAField() {
    String log = renderer.auditLog(Scenarios.specialCharacters().report());
    assertTrue(log.contains("reason=\"日本語 reason with | pipe\""));
    assertTrue(
        log.contains(
            "problem=\"I can't run <script>alert(\\\"x\\\")</script> in a shell | it's HTML 😀\\nSecond line"));
    assertTrue(
        log.contains("\\u001b[31mred\\u001b[0m"),
        "terminal escapes are kept visible, not executed");
    assertEquals(
        "x=\"a\\\"b\\\\c\\nd\\te\\u0001\"", AuditLog.field("x", "a\"b\\c\nd\te\u0001").strip());
  }

  @Test
  void aTimeoutLogsTheIterationThatNeverReported() {
    List<String> lines = renderer.auditLog(Scenarios.timeout().report()).lines().toList();
    assertTrue(lines.contains("2026-11-26T18:01:31.000Z iteration=2 iteration_start"));
    assertTrue(lines.stream().noneMatch(l -> l.contains("iteration=2 student")));
    assertTrue(lines.stream().anyMatch(l -> l.contains("timed_out=true")));
  }
}
