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
    assertEquals(7, Main.exitCode("nothing_to_validate", 0), "nothing validated is never clean");
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

  @Test
  void mentorHumanGoesIntoTheConfigAndOpenPrintsATokenLink() throws Exception {
    Options o = Options.parse(List.of("t.md", "--mentor", "Human", "--open"), cwd);
    assertTrue(o.open());
    String body = Main.startBody(o, cwd);
    assertTrue(body.contains("\"mentor\":\"human\""), body);
    assertTrue(
        assertThrows(
                Options.UsageException.class,
                () -> Options.parse(List.of("--mentor", "robot"), cwd))
            .getMessage()
            .contains("--mentor must be human or agent"));

    Files.createDirectories(cwd.resolve(".smile"));
    Files.writeString(cwd.resolve(".smile/token"), "abc_DEF-123\n");
    String link = Main.dashboardLink(ServerUrls.of("http://127.0.0.1:3000"), cwd);
    if (System.getenv("SMILE_API_TOKEN") == null) {
      assertEquals("http://127.0.0.1:3000/#token=abc_DEF-123", link);
    }
  }

  @Test
  void setPassesServerSettingsAsSystemPropertiesOfTheStartedServer() {
    Options o =
        Options.parse(
            List.of("t.md", "--set", "smile.model.name=qwen2.5:7b", "--set", "smile.x=a=b"), cwd);
    assertEquals(List.of("smile.model.name=qwen2.5:7b", "smile.x=a=b"), o.settings());
    List<String> command =
        ServerProcess.command(cwd.resolve("smile.jar"), 4000, cwd, List.of(), o.settings());
    int jar = command.indexOf("-jar");
    assertTrue(command.indexOf("-Dsmile.model.name=qwen2.5:7b") < jar, command.toString());
    assertTrue(command.contains("-Dsmile.x=a=b"), command.toString());
  }

  @Test
  void setWithoutKeyOrForARunningServerIsAUsageError() {
    assertThrows(
        Options.UsageException.class, () -> Options.parse(List.of("t.md", "--set", "=x"), cwd));
    assertThrows(
        Options.UsageException.class,
        () ->
            Options.parse(
                List.of("t.md", "--server", "http://127.0.0.1:3000", "--set", "a=b"), cwd));
  }
}
