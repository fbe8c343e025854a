package dev.smileloop.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's API token as a user finds it (contract 1): {@code SMILE_API_TOKEN} when the server
 * was started with it (Payara inherits this JVM's environment), else the file {@code .smile/token}
 * in the server's working folder, which is this JVM's too. Empty when the server uses none.
 */
final class ApiToken {

  private ApiToken() {}

  static Optional<String> find() {
    String env = System.getenv("SMILE_API_TOKEN");
    if (env != null && !env.isBlank()) {
      return Optional.of(env.trim());
    }
    for (String dir : new String[] {System.getProperty("smile.workDir"), "."}) {
      if (dir == null) {
        continue;
      }
      Path file = Path.of(dir, ".smile", "token");
      try {
        if (Files.isReadable(file)) {
          return Optional.of(Files.readString(file).trim());
        }
      } catch (IOException e) {
        // unreadable: try the next place
      }
    }
    return Optional.empty();
  }
}
