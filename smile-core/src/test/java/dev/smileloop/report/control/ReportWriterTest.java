package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import dev.smileloop.report.entity.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path temp;

  private static ReportWriter writer(int attempts, Duration pause) {
    return new ReportWriter(
        Scenarios.builder(),
        new ReportRenderer(),
        Scenarios.CLOCK,
        attempts,
        pause,
        () -> System.out);
  }

  @Test
  void writesAllFiveFilesIntoAFolderItCreates() throws IOException {
    Scenarios.Scenario scenario = Scenarios.fixedInSecondIteration();
    Path out = temp.resolve("reports/nested");
    WriteResult result =
        writer(3, Duration.ZERO)
            .write(scenario.state(), scenario.tutorial(), scenario.config(), out);

    assertTrue(result.complete());
    assertFalse(result.printedToStdout());
    assertEquals(List.of(ReportFormat.values()), List.copyOf(result.written().keySet()));
    assertEquals(
        List.of(
            "smile-audit.log",
            "smile-report.json",
            "smile-report.junit.xml",
            "smile-report.md",
            "smile-report.sarif"),
        fileNames(out));
    ReportRenderer renderer = new ReportRenderer();
    for (ReportFormat format : ReportFormat.values()) {
      Path file = result.written().get(format);
      assertEquals(out.resolve(format.fileName()), file);
      assertEquals(
          renderer.render(result.report(), format), Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  @Test
  void rewritingReplacesTheOldReportAndLeavesNoTemporaryFiles() throws IOException {
    Files.writeString(temp.resolve("smile-report.md"), "an old report");
    Scenarios.Scenario scenario = Scenarios.completed();
    WriteResult result =
        writer(3, Duration.ZERO)
            .write(scenario.state(), scenario.tutorial(), scenario.config(), temp);
    assertTrue(result.complete());
    assertTrue(
        Files.readString(temp.resolve("smile-report.md")).startsWith("# SMILE report: word-count"));
    assertEquals(5, fileNames(temp).size(), "only the five reports: " + fileNames(temp));
  }

  @Test
  void whenTheFolderCannotBeWrittenItRetriesThenPrintsTheReportToStandardOutput()
      throws IOException {
    Path blocked = temp.resolve("not-a-folder");
    Files.writeString(blocked, "a file where the output folder should be");
    Scenarios.Scenario scenario = Scenarios.blocker();
    Report report = scenario.report();

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    WriteResult result;
    long started = System.nanoTime();
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      result = writer(3, Duration.ofMillis(20)).write(report, blocked);
    } finally {
      System.setOut(original);
    }
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertFalse(result.complete());
    assertTrue(result.written().isEmpty());
    assertEquals(5, result.failures().size());
    assertTrue(result.failures().stream().allMatch(f -> f.attempts() == 3));
    assertTrue(
        result.failures().get(0).message().contains("FileAlreadyExistsException"),
        result.failures().get(0).message());
    assertTrue(elapsedMillis >= 5 * 2 * 20, "paused between attempts: " + elapsedMillis + " ms");
    assertTrue(result.printedToStdout());
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains(new ReportRenderer().markdown(report).stripTrailing()), printed);
    assertTrue(
        printed.startsWith("SMILE: could not write smile-report.md, smile-report.json"), printed);
    assertEquals(
        "a file where the output folder should be",
        Files.readString(blocked),
        "nothing was overwritten");
  }

  @Test
  void whenTheParentIsAFileEveryAttemptFailsAndTheReportStillReachesTheGivenStream()
      throws IOException {
    Path parent = temp.resolve("file");
    Files.writeString(parent, "x");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
    ReportWriter writer =
        new ReportWriter(
            Scenarios.builder(),
            new ReportRenderer(),
            Scenarios.CLOCK,
            1,
            Duration.ZERO,
            () -> stream);
    Scenarios.Scenario scenario = Scenarios.stopped();
    WriteResult result =
        writer.write(
            scenario.state(), scenario.tutorial(), scenario.config(), parent.resolve("reports"));
    assertTrue(result.printedToStdout());
    assertTrue(result.failures().stream().allMatch(f -> f.attempts() == 1));
    assertTrue(captured.toString(StandardCharsets.UTF_8).contains("# SMILE report: word-count"));
  }

  @Test
  void formatsAreNamedForClientsAndFiles() {
    assertEquals(ReportFormat.SARIF, ReportFormat.parse("sarif").orElseThrow());
    assertEquals(
        ReportFormat.JUNIT_XML, ReportFormat.parse("smile-report.junit.xml").orElseThrow());
    assertEquals(ReportFormat.AUDIT_LOG, ReportFormat.parse("Audit_Log").orElseThrow());
    assertTrue(ReportFormat.parse("pdf").isEmpty());
    assertEquals(
        5, Arrays.stream(ReportFormat.values()).map(ReportFormat::fileName).distinct().count());
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
