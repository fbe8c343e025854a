package dev.smileloop.history.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which tutorial a run was about, across runs. A tutorial read from a file is the same tutorial as
 * long as its absolute path is the same, whatever its content (that is how an author fixes it); a
 * tutorial sent inline has no path, so it is known by the SHA-256 of its content ({@code
 * sha256:<hex>}) and an edited inline tutorial starts a new history.
 */
public record TutorialIdentity(String key, String path, String name, String sha256) {

  public static TutorialIdentity of(Tutorial tutorial, SmileConfig config) {
    String markdown = tutorial == null ? "" : tutorial.markdown();
    String hash = sha256(markdown);
    Path path =
        tutorial != null && tutorial.path() != null
            ? tutorial.path()
            : tutorial == null && config != null ? config.tutorialPath() : null;
    String name = tutorial != null ? tutorial.name() : path == null ? null : path.toString();
    if (path == null) {
      return new TutorialIdentity("sha256:" + hash, null, name, hash);
    }
    String absolute = path.toAbsolutePath().normalize().toString();
    return new TutorialIdentity(absolute, absolute, name, hash);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
