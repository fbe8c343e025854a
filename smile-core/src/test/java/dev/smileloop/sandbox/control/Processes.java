package dev.smileloop.sandbox.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Looks for processes by a marker in their command line, the way {@code pgrep -f} does. */
public final class Processes {

  private Processes() {}

  /**
   * Running processes (zombies have no command line) whose command line contains {@code marker}.
   */
  public static List<String> running(String marker) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String commandLine =
              new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
          if (commandLine.contains(marker) && !commandLine.contains("Processes")) {
            found.add(entry.getFileName() + ": " + commandLine);
          }
        } catch (IOException vanished) {
          // The process ended while we looked: it is not left behind.
          continue;
        }
      }
    }
    return found;
  }

  /** Waits up to two seconds for a process to show up (a fork execs its program a moment later). */
  public static List<String> appearing(String marker) throws IOException, InterruptedException {
    List<String> found = running(marker);
    for (int i = 0; i < 40 && found.isEmpty(); i++) {
      Thread.sleep(50);
      found = running(marker);
    }
    return found;
  }

  /** Waits up to two seconds for the kernel to finish killing, then lists what is left. */
  public static List<String> leftAfterSettling(String marker)
      throws IOException, InterruptedException {
    List<String> left = running(marker);
    for (int i = 0; i < 40 && !left.isEmpty(); i++) {
      Thread.sleep(50);
      left = running(marker);
    }
    return left;
  }
}
