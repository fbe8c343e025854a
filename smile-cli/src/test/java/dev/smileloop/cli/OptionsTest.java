package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

  @TempDir Path cwd;

  @Test
  void tutorialAndOptionsResolveAgainstTheWorkingDirectory() {
    Options o =
        Options.parse(
            List.of("docs/t.md", "--output", "out", "--provider", "builtin", "--port", "4000"),
            cwd);
    assertEquals(cwd.resolve("docs/t.md"), o.tutorial());
    assertEquals(cwd.resolve("out"), o.outputDir().orElseThrow());
    assertEquals("builtin", o.provider().orElseThrow());
    assertEquals(4000, o.port());
  }

  @Test
  void smileJsonBesideTheTutorialIsPickedUp() throws Exception {
    Files.createDirectories(cwd.resolve("docs"));
    Files.writeString(cwd.resolve("docs/smile.json"), "{}");
    Options o = Options.parse(List.of("docs/t.md"), cwd);
    assertEquals(cwd.resolve("docs/smile.json"), o.config().orElseThrow());
  }

  @Test
  void withoutArgumentsTheTutorialOfTheCurrentFolderIsUsed() {
    assertEquals(cwd.resolve("tutorial.md"), Options.parse(List.of(), cwd).tutorial());
  }

  @Test
  void badCommandLinesSayWhatIsWrong() {
    assertTrue(
        assertThrows(Options.UsageException.class, () -> Options.parse(List.of("--port", "x"), cwd))
            .getMessage()
            .contains("--port must be a number"));
    assertTrue(
        assertThrows(Options.UsageException.class, () -> Options.parse(List.of("--output"), cwd))
            .getMessage()
            .contains("--output needs a value"));
    assertTrue(
        assertThrows(
                Options.UsageException.class, () -> Options.parse(List.of("--frobnicate"), cwd))
            .getMessage()
            .contains("unknown option --frobnicate"));
    // Several tutorials are no longer an error: they make a folder run (issue 12).
    assertEquals(List.of("a.md", "b.md"), Options.parse(List.of("a.md", "b.md"), cwd).targets());
  }

  @Test
  void exitCodesFollowTheDocumentedTable() {
    assertEquals(0, Main.exitCode("completed", 0));
    assertEquals(1, Main.exitCode("completed", 2));
    assertEquals(2, Main.exitCode("blocker", 1));
    assertEquals(2, Main.exitCode("max_iterations", 1));
    assertEquals(3, Main.exitCode("timeout", 0));
    assertEquals(4, Main.exitCode("error", 0));
    assertEquals(5, Main.exitCode("stopped", 0));
  }

  @Test
  void withoutConfigOrProviderTheBuiltInLearnerRuns() throws Exception {
    String plain = Main.startBody(Options.parse(List.of("t.md"), cwd), cwd);
    assertTrue(plain.contains("\"llmProvider\":\"builtin\""), plain);

    String chosen =
        Main.startBody(Options.parse(List.of("t.md", "--provider", "claude"), cwd), cwd);
    assertTrue(chosen.contains("\"llmProvider\":\"claude\""), chosen);

    Files.writeString(cwd.resolve("smile.json"), "{}");
    String configured = Main.startBody(Options.parse(List.of("t.md"), cwd), cwd);
    assertTrue(!configured.contains("llmProvider"), "smile.json decides: " + configured);
  }
}
