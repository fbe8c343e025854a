package dev.smileloop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Where the CLI gets the server's API token, so the user never has to: for the server it starts, a
 * fresh token it hands over itself; for another server {@code --token}, else {@code
 * SMILE_API_TOKEN}, else the {@code .smile/token} file a server started in this folder wrote.
 */
final class ServerToken {

  private ServerToken() {}

  /** The token for a server this command starts: SMILE_API_TOKEN if set, else a new one. */
  static String forOwnServer() {
    String env = System.getenv("SMILE_API_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token of an already running server, if one can be found. */
  static Optional<String> find(Options options, Path cwd) {
    if (options.token().isPresent()) {
      return options.token();
    }
    String env = System.getenv("SMILE_API_TOKEN");
    if (env != null && !env.isBlank()) {
      return Optional.of(env.strip());
    }
    Path file = cwd.resolve(".smile/token");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip())
          : Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /** The folders the CLI's own server may touch: the tutorial's, the config's, the reports'. */
  static List<Path> rootsFor(Options options, Path outputDir) {
    List<Path> roots = new ArrayList<>();
    if (options.tutorial() != null) {
      roots.add(options.tutorial().toAbsolutePath().getParent());
    }
    options.config().ifPresent(c -> roots.add(c.toAbsolutePath().getParent()));
    roots.add(outputDir.toAbsolutePath());
    return roots;
  }
}
