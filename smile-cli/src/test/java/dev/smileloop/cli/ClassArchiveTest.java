package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data-sharing archive, with a real JVM recording and mapping one. */
class ClassArchiveTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path folder;

  private Path jar() throws Exception {
    Path jar = folder.resolve("server.jar");
    try (var out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
      // an empty jar: the JVM's own classes make the archive
    }
    return jar;
  }

  private ClassArchive archive(Path jar) {
    return ClassArchive.forJar(jar, Map.of("XDG_CACHE_HOME", folder.resolve("cache").toString()));
  }

  private static String recordingOf(List<String> flags) {
    assertEquals(1, flags.size(), flags.toString());
    assertTrue(flags.get(0).startsWith("-XX:ArchiveClassesAtExit="), flags.toString());
    return flags.get(0).substring("-XX:ArchiveClassesAtExit=".length());
  }

  @Test
  void theFirstStartRecordsAndTheNextOneMapsWhatWasRecorded() throws Exception {
    Path jar = jar();
    ClassArchive archive = archive(jar);
    assertNotNull(archive);
    String recording = recordingOf(archive.jvmFlags(JAVA, List.of()));
    Process server =
        new ProcessBuilder(
                JAVA, "-XX:ArchiveClassesAtExit=" + recording, "-cp", jar.toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS));
    assertTrue(Files.size(Path.of(recording)) > 0, "the JVM wrote its classes at exit");

    assertEquals(
        List.of("-XX:SharedArchiveFile=" + archive.archive()), archive.jvmFlags(JAVA, List.of()));
    assertTrue(Files.notExists(Path.of(recording)), "the recording became the archive");
  }

  @Test
  void aCutRecordingIsThrownAwayAndRecordedAgain() throws Exception {
    Path jar = jar();
    ClassArchive archive = archive(jar);
    Path cut = Path.of(recordingOf(archive.jvmFlags(JAVA, List.of())));
    Files.write(cut, new byte[4096]); // what a server killed while writing leaves

    String again = recordingOf(archive.jvmFlags(JAVA, List.of()));
    assertTrue(Files.notExists(cut), "mapping it failed, so it is gone");
    assertTrue(Files.notExists(archive.archive()));
    assertTrue(!again.equals(cut.toString()), "a new recording");
  }

  @Test
  void keepsTheArchivesOfTheTwoJarsUsedLast() throws Exception {
    Path jar = jar();
    ClassArchive archive = archive(jar);
    Path cache = archive.archive().getParent();
    Files.createDirectories(cache);
    Path older = Files.writeString(cache.resolve("server-old.jsa"), "x");
    Path oldest = Files.writeString(cache.resolve("server-oldest.jsa"), "x");
    Files.setLastModifiedTime(oldest, java.nio.file.attribute.FileTime.fromMillis(1_000));
    Files.writeString(archive.archive(), "in use");

    archive.jvmFlags(JAVA, List.of());

    assertTrue(Files.exists(archive.archive()));
    assertTrue(Files.exists(older), "the one used before is kept");
    assertTrue(Files.notExists(oldest), "the others go");
  }

  @Test
  void offWhenAskedOrWithoutACacheHome() throws Exception {
    Path jar = jar();
    assertNull(ClassArchive.forJar(jar, Map.of("SMILE_CLASS_ARCHIVE", "off", "HOME", "/root")));
    assertNull(ClassArchive.forJar(jar, Map.of()));
    assertNull(ClassArchive.forJar(folder.resolve("missing.jar"), Map.of("HOME", "/root")));
  }
}
