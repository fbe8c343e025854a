package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

  @TempDir Path folder;

  private static final Path JAR = Path.of("/opt/smile/smile-microbundle.jar");

  private DaemonFile running(List<Path> roots, List<String> settings) {
    return new DaemonFile(
        5000,
        ProcessHandle.current().pid(),
        "build-1",
        JAR,
        folder.resolve(".smile/daemon.token"),
        roots,
        settings,
        "env-1",
        folder.resolve(".smile/server.log"));
  }

  private Daemon.Wanted wanted(List<Path> roots, List<String> settings) {
    return new Daemon.Wanted("build-1", 0, roots, settings, "env-1", Optional.empty());
  }

  @Test
  void theSameBuildSettingsAndFoldersReuseTheDaemon() {
    DaemonFile daemon = running(List.of(folder), List.of("a=1", "b=2"));
    assertEquals(
        Optional.empty(),
        Daemon.whyNotReuse(
            daemon, wanted(List.of(folder.resolve("docs/t"), folder), List.of("b=2", "a=1")), "t"));
  }

  @Test
  void aRebuiltJarOtherSettingsOrEnvironmentRestartIt() {
    DaemonFile daemon = running(List.of(folder), List.of("a=1"));
    assertEquals(
        Optional.of("the server jar was rebuilt"),
        Daemon.whyNotReuse(
            daemon,
            new Daemon.Wanted(
                "build-2", 0, List.of(folder), List.of("a=1"), "env-1", Optional.empty()),
            "t"));
    assertEquals(
        Optional.of("it was started with other --set settings"),
        Daemon.whyNotReuse(daemon, wanted(List.of(folder), List.of("a=2")), "t"));
    assertEquals(
        Optional.of("the environment variables the server reads have changed"),
        Daemon.whyNotReuse(
            daemon,
            new Daemon.Wanted(
                "build-1", 0, List.of(folder), List.of("a=1"), "env-2", Optional.empty()),
            "t"));
  }

  @Test
  void aFolderOutsideItsRootsAnotherPortOrTokenRestartIt() {
    DaemonFile daemon = running(List.of(folder.resolve("docs")), List.of());
    assertEquals(
        Optional.of("it may not reach " + folder.resolve("other")),
        Daemon.whyNotReuse(daemon, wanted(List.of(folder.resolve("other")), List.of()), "t"));
    assertTrue(
        Daemon.whyNotReuse(
                daemon,
                new Daemon.Wanted("build-1", 5001, List.of(), List.of(), "env-1", Optional.empty()),
                "t")
            .orElseThrow()
            .contains("port 5000"));
    assertEquals(
        Optional.of("SMILE_API_TOKEN differs from its token"),
        Daemon.whyNotReuse(
            daemon,
            new Daemon.Wanted("build-1", 0, List.of(), List.of(), "env-1", Optional.of("other")),
            "t"));
    assertEquals(
        Optional.empty(),
        Daemon.whyNotReuse(
            daemon,
            new Daemon.Wanted("build-1", 5000, List.of(), List.of(), "env-1", Optional.of("t")),
            "t"));
  }

  @Test
  void aRebuildChangesTheBuildId() throws Exception {
    Path jar = folder.resolve("server.jar");
    Files.writeString(jar, "one");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
    String before = Daemon.buildId(jar);
    assertEquals(before, Daemon.buildId(jar));
    Files.writeString(jar, "two");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
    assertNotEquals(before, Daemon.buildId(jar));
  }

  @Test
  void theEnvironmentHashSeesServerVariablesOnly() {
    String base =
        Daemon.environmentHash(Map.of("PATH", "/bin", "SMILE_MODEL_NAME", "m", "TERM", "xterm"));
    assertEquals(base, Daemon.environmentHash(Map.of("PATH", "/bin", "SMILE_MODEL_NAME", "m")));
    assertEquals(
        base,
        Daemon.environmentHash(
            Map.of("PATH", "/bin", "SMILE_MODEL_NAME", "m", "SMILE_API_TOKEN", "compared apart")));
    assertNotEquals(
        base, Daemon.environmentHash(Map.of("PATH", "/bin", "SMILE_MODEL_NAME", "other")));
    assertNotEquals(
        base,
        Daemon.environmentHash(
            Map.of("PATH", "/bin", "SMILE_MODEL_NAME", "m", "OPENAI_API_KEY", "k")));
  }

  @Test
  void aProcessThatDoesNotRunTheJarIsNotTheDaemon() {
    // This test's own JVM is alive but runs no smile-microbundle.jar: a reused pid, not ours.
    assertFalse(Daemon.isOurProcess(running(List.of(), List.of())));
    DaemonFile gone =
        new DaemonFile(
            5000,
            Long.MAX_VALUE - 1,
            "b",
            JAR,
            folder.resolve("t"),
            List.of(),
            List.of(),
            "e",
            folder.resolve("l"));
    assertFalse(Daemon.isOurProcess(gone));
  }

  @Test
  void stopWithoutADaemonSaysSoAndSucceeds() throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    assertEquals(Main.COMPLETED, Daemon.stop(folder, new java.io.PrintStream(bytes, true)));
    assertTrue(bytes.toString().contains("No SMILE daemon runs for"), bytes.toString());
  }

  @Test
  void theIdleTimeIsTenMinutesUnlessASettingSaysOtherwise() {
    assertEquals(600, Daemon.idleSeconds(List.of("smile.model.name=m")));
    assertEquals(
        30,
        Daemon.idleSeconds(
            List.of("smile.idleShutdownSeconds=600", "smile.idleShutdownSeconds=30")));
  }
}
