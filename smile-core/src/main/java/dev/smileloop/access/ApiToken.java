package dev.smileloop.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A bearer token: URL-safe ({@code [A-Za-z0-9_-]}), compared in constant time. The API token comes
 * from {@code SMILE_API_TOKEN} or is generated at start and written to a file only the owner may
 * read; callback tokens are generated per loop.
 */
public final class ApiToken {

  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]{16,512}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] digest;
  private final String value;

  private ApiToken(String value) {
    this.value = value;
    this.digest = sha256(value);
  }

  /** A fresh random token: 32 bytes, base64url without padding (43 characters). */
  public static ApiToken generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** A given token; refused when it is not 16 to 512 URL-safe characters. */
  public static ApiToken of(String value) {
    if (value == null || !URL_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a SMILE token must be 16 to 512 characters of A-Z, a-z, 0-9, '_' and '-'");
    }
    return new ApiToken(value);
  }

  public String value() {
    return value;
  }

  /**
   * Whether {@code presented} is this token. Both sides are hashed first, so the comparison takes
   * the same time whatever the presented value's length or content.
   */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** Writes the token to {@code file} with mode 0600 where the file system has POSIX modes. */
  public void writeTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file); // a new file, so no one else's link or mode is reused
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
      Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
    } else {
      Files.createFile(file);
    }
    Files.writeString(
        file, value + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** The token with all but its first four characters masked, for logs and messages. */
  public String masked() {
    return value.substring(0, 4) + "…";
  }

  @Override
  public String toString() {
    return masked();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
