package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tutorial whose download cannot work in the offline sandbox, run as a user runs it (the CLI jar
 * starting the real uber-jar): the CLI exits 6, "environment prevented validation", and the reports
 * blame the machine, not the author.
 */
class EnvironmentCliIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI = ROOT.resolve("smile-cli/target/smile-cli.jar");
  private static final Path SERVER = ROOT.resolve("smile-api/target/smile-microbundle.jar");

  @TempDir Path work;

  @Test
  void anOfflineDownloadExitsSixWithAnEnvironmentFindingAndNoGap() throws Exception {
    Sandbox.assumeAvailable();
    Files.writeString(
        work.resolve("tutorial.md"),
        "# Fetch a page\n\n## Prerequisites\n\n- curl\n\n## Step 1: Download\n\n"
            + "```bash\ncurl -sS https://example.com/ -o page.html\n```\n");
    Files.writeString(
        work.resolve("smile.json"), "{\"llmProvider\": \"builtin\", \"maxIterations\": 3}");
    Path log = work.resolve("cli.log");

    Process cli =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    CLI.toString(),
                    "run",
                    "tutorial.md",
                    "--no-daemon", // one server for this run, stopped after it (DaemonIT covers the
                    // daemon)
                    "--server-jar",
                    SERVER.toString()))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not finish");
    String out = Files.readString(log, StandardCharsets.UTF_8);

    assertEquals(6, cli.exitValue(), "environment prevented validation:\n" + out);
    assertTrue(out.contains("Gaps found: 0"), out);
    assertTrue(out.contains("Environment findings (this machine, not the tutorial): 1"), out);
    JsonObject report;
    try (var reader =
        Json.createReader(new StringReader(Files.readString(work.resolve("smile-report.json"))))) {
      report = reader.readObject();
    }
    assertEquals(
        "network", report.getJsonArray("environmentFindings").getJsonObject(0).getString("kind"));
    assertTrue(report.getJsonObject("summary").getBoolean("environmentPreventedValidation"));
    assertTrue(
        Files.readString(work.resolve("smile-report.sarif")).contains("\"environment/network\""));
    assertTrue(
        Files.readString(work.resolve("smile-report.md"))
            .contains("### E1 · No network at line 10"));
  }
}
