package dev.smileloop.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The server's class-data-sharing archive (AppCDS): the classes a started server loaded, stored so
 * the next start maps them instead of parsing and verifying them again (about 11,000 classes of
 * Payara Micro and SMILE; measured: start-up CPU time down by a fifth to a quarter).
 *
 * <p>The first server started for an uber-jar records its classes when it exits ({@code
 * -XX:ArchiveClassesAtExit}), into a file of its own; a later start adopts a finished recording (no
 * running process names it) as the archive of that jar and Java, and passes {@code
 * -XX:SharedArchiveFile}. A rebuilt jar or another Java gets a new archive. A damaged or stale
 * archive is not fatal: the JVM then warns in the server log and loads classes as usual. {@code
 * SMILE_CLASS_ARCHIVE=off} turns this off. The archives live in {@code $XDG_CACHE_HOME/smile} (or
 * {@code ~/.cache/smile}), not in the project, as they are large (about 70 MB).
 */
final class ClassArchive {

  private static final ProcessBuilder.Redirect DISCARD = ProcessBuilder.Redirect.DISCARD;

  static final String SWITCH = "SMILE_CLASS_ARCHIVE";

  /** Archives kept, the one in use included. */
  static final int KEPT = 2;

  private final Path folder;
  private final String name;
  private final Path jar;

  private ClassArchive(Path folder, String name, Path jar) {
    this.folder = folder;
    this.name = name;
    this.jar = jar;
  }

  /** The archive of this jar and this Java, or null when turned off or there is no cache home. */
  static ClassArchive forJar(Path jar, Map<String, String> env) {
    if ("off".equalsIgnoreCase(env.getOrDefault(SWITCH, ""))) {
      return null;
    }
    String xdg = env.getOrDefault("XDG_CACHE_HOME", "");
    String home = env.getOrDefault("HOME", "");
    if (xdg.isBlank() && home.isBlank()) {
      return null;
    }
    Path cache = xdg.isBlank() ? Path.of(home, ".cache") : Path.of(xdg);
    String java = System.getProperty("java.vm.version", "?");
    try {
      String identity = Daemon.buildId(jar) + "-" + java;
      return new ClassArchive(
          cache.resolve("smile"), "server-" + Integer.toHexString(identity.hashCode()), jar);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The JVM flags for the next start with {@code java} and {@code flags}: use the archive, or
   * record one at exit.
   */
  List<String> jvmFlags(String java, List<String> flags) {
    try {
      Files.createDirectories(folder);
      Path archive = archive();
      if (!Files.isRegularFile(archive)) {
        adoptFinishedRecording(archive, java, flags);
      }
      if (Files.isRegularFile(archive)) {
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now())); // in use: kept
        pruneOthers(archive);
        return List.of("-XX:SharedArchiveFile=" + archive);
      }
      Path recording = folder.resolve(name + "." + UUID.randomUUID() + ".recording");
      return List.of("-XX:ArchiveClassesAtExit=" + recording);
    } catch (IOException | RuntimeException e) {
      return List.of(); // no cache folder: start without an archive
    }
  }

  Path archive() {
    return folder.resolve(name + ".jsa");
  }

  /**
   * Makes a recording whose server has exited the archive, once a JVM has mapped and checked it (a
   * server killed while it wrote leaves a cut file, and mapping one crashes the JVM), by an atomic
   * move, so a starting server never maps a half-written file; removes the other finished ones.
   */
  private void adoptFinishedRecording(Path archive, String java, List<String> flags)
      throws IOException {
    try (DirectoryStream<Path> recordings =
        Files.newDirectoryStream(folder, name + ".*.recording")) {
      for (Path recording : recordings) {
        if (stillRecording(recording)) {
          continue;
        }
        if (!Files.isRegularFile(archive) && maps(recording, java, flags)) {
          Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
        } else {
          Files.deleteIfExists(recording);
        }
      }
    }
  }

  /**
   * Keeps the archives of the {@value #KEPT} jars used last (a rebuild makes a new one of about 80
   * MB each); a server still running on a removed one keeps its mapping.
   */
  private void pruneOthers(Path archive) throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, "server-*.jsa")) {
      all.forEach(others::add);
    }
    others.remove(archive);
    others.sort(
        Comparator.comparing(
                (Path other) -> {
                  try {
                    return Files.getLastModifiedTime(other);
                  } catch (IOException gone) {
                    return FileTime.fromMillis(0);
                  }
                })
            .reversed());
    for (Path old : others.subList(Math.min(KEPT - 1, others.size()), others.size())) {
      Files.deleteIfExists(old);
    }
  }

  /** True when a JVM with these flags starts on the archive, its checksums verified. */
  private boolean maps(Path recording, String java, List<String> flags) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(flags);
    command.addAll(
        List.of(
            "-XX:SharedArchiveFile=" + recording,
            "-Xshare:on",
            "-XX:+VerifySharedSpaces",
            "-cp",
            jar.toString(),
            "-version"));
    try {
      Process check =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(DISCARD).start();
      if (!check.waitFor(30, TimeUnit.SECONDS)) {
        check.destroyForcibly();
        return false;
      }
      return check.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean stillRecording(Path recording) {
    String path = recording.toString();
    return ProcessHandle.allProcesses()
        .anyMatch(
            process -> process.info().commandLine().map(line -> line.contains(path)).orElse(false));
  }
}
