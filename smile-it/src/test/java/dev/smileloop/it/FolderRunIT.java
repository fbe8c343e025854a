package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

/**
 * {@code smile run FOLDER} as a user runs it: the CLI jar as a real process driving the real WAR;
 * eleven tutorials found (one ignored), run concurrently, one verdict, reports beside each, and a
 * second run after one tutorial was fixed says exactly that.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FolderRunIT {

  private static final Path CLI =
      Path.of("..").toAbsolutePath().normalize().resolve("smile-cli/target/smile-cli.jar");

  private static final String CLEAN = "# Hello %d\n\n## Step 1\n\n```bash\necho hi\n```\n";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private String cli(Path folder, Path log) throws Exception {
    SmileServer server = new SmileServer(deployed);
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CLI.toString(),
                "run",
                "docs",
                "--server",
                server.base().toString(),
                "--jobs",
                "3",
                "--output",
                "out")
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(process.waitFor(240, TimeUnit.SECONDS), "the CLI did not finish");
    return process.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
  }

  private static JsonObject json(Path file) throws Exception {
    return Json.createReader(new StringReader(Files.readString(file))).readObject();
  }

  @Test
  void aFolderRunsConcurrentlyIntoOneVerdictAndTheSecondRunShowsTheFix() throws Exception {
    Sandbox.assumeAvailable();
    Path folder =
        Files.createTempDirectory(
            Path.of(System.getProperty("java.io.tmpdir")), "folder-run-" + System.nanoTime());
    Path docs = Files.createDirectories(folder.resolve("docs"));
    List<Path> greeters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      greeters.add(
          Files.writeString(
              docs.resolve("greeter-" + i + ".md"),
              Bodies.GREETER.replace("# Greeter", "# Greeter " + i)));
    }
    for (int i = 0; i < 4; i++) {
      Files.writeString(docs.resolve("hello-" + i + ".md"), CLEAN.formatted(i));
    }
    Path guides = Files.createDirectories(docs.resolve("guides"));
    Files.writeString(guides.resolve("guide.md"), CLEAN.formatted(9));
    Files.writeString(
        guides.resolve("smile.json"), "{\"llmProvider\": \"builtin\", \"maxIterations\": 2}");
    Path drafts = Files.createDirectories(docs.resolve("drafts"));
    Files.writeString(drafts.resolve("draft.md"), "# Draft\n\n## Step\n\n```bash\nfalse\n```\n");
    Files.writeString(docs.resolve(".smileignore"), "# work in progress\ndrafts/\n");

    String first = cli(folder, folder.resolve("first.log"));
    assertTrue(first.startsWith("1\n"), "gaps found is the worst result:\n" + first);
    Path out = folder.resolve("out");
    String summary = Files.readString(out.resolve("smile-summary.md"));
    assertTrue(summary.contains("10 tutorials"), summary);
    assertFalse(summary.contains("draft"), "ignored by .smileignore: " + summary);
    assertTrue(summary.contains("| docs/guides/guide.md | completed | 0 | 0 | 0 |"), summary);
    assertFalse(Files.exists(drafts.resolve("draft.smile-report.json")));
    for (Path greeter : greeters) {
      JsonObject report =
          json(docs.resolve(greeter.getFileName().toString().replace(".md", ".smile-report.json")));
      assertEquals("completed", report.getJsonObject("summary").getString("status"));
      assertEquals(1, report.getJsonArray("gaps").size());
    }
    assertTrue(Files.exists(guides.resolve("guide.smile-report.md")));
    Document junit =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(out.resolve("smile-report.junit.xml").toFile());
    assertEquals("testsuites", junit.getDocumentElement().getTagName());
    assertEquals(10, junit.getElementsByTagName("testsuite").getLength());
    JsonObject sarif = json(out.resolve("smile-report.sarif"));
    assertEquals(1, sarif.getJsonArray("runs").size());
    JsonObject run = sarif.getJsonArray("runs").getJsonObject(0);
    assertEquals(10, run.getJsonArray("artifacts").size());
    assertEquals(5, run.getJsonArray("results").size());

    // The author fixes one tutorial: its script is made executable.
    Files.writeString(
        greeters.get(2),
        Files.readString(greeters.get(2))
            .replace("## Step 2: Run it", "```bash\nchmod +x hello.sh\n```\n\n## Step 2: Run it"));
    String second = cli(folder, folder.resolve("second.log"));
    assertTrue(second.startsWith("1\n"), second);
    JsonObject fixed = json(docs.resolve("greeter-2.smile-report.json"));
    assertEquals(0, fixed.getJsonArray("gaps").size(), fixed.toString());
    JsonObject since = fixed.getJsonObject("summary").getJsonObject("sinceLastRun");
    assertEquals(1, since.getJsonArray("fixed").size());
    for (int i : new int[] {0, 1, 3, 4}) {
      JsonObject other =
          json(docs.resolve("greeter-" + i + ".smile-report.json")).getJsonObject("summary");
      assertEquals(0, other.getJsonObject("sinceLastRun").getInt("new"));
      assertEquals(1, other.getJsonObject("sinceLastRun").getInt("stillThere"));
      assertEquals(0, other.getJsonObject("sinceLastRun").getJsonArray("fixed").size());
    }
    String secondSummary = Files.readString(out.resolve("smile-summary.md"));
    assertTrue(
        secondSummary.contains("| docs/greeter-2.md | completed | 0 | 0 | 0 | 0 | 1 |"),
        secondSummary);
  }
}
