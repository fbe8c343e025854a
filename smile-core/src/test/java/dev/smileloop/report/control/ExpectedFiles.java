package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a committed expected file under {@code
 * src/test/resources/dev/smileloop/report/expected}. Run with {@code -Dsmile.updateExpected=true}
 * to (re)write the files after a deliberate change, then review the diff before committing.
 */
final class ExpectedFiles {

  private static final String FOLDER = "dev/smileloop/report/expected/";

  private ExpectedFiles() {}

  static void assertMatches(String name, String actual) {
    if (Boolean.getBoolean("smile.updateExpected")) {
      try {
        Path file = Path.of("src/test/resources", FOLDER, name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = ExpectedFiles.class.getResourceAsStream("/" + FOLDER + name)) {
      if (in == null) {
        fail(
            "No expected file "
                + FOLDER
                + name
                + "; run with -Dsmile.updateExpected=true to create it");
      }
      assertEquals(
          new String(in.readAllBytes(), StandardCharsets.UTF_8),
          actual,
          "differs from " + FOLDER + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
