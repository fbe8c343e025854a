package dev.smileloop.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {

  @TempDir Path temp;

  @Test
  void generatedTokensAreUrlSafeLongAndDistinct() {
    String a = ApiToken.generate().value();
    String b = ApiToken.generate().value();
    assertTrue(a.matches("[A-Za-z0-9_-]{43}"), a);
    assertNotEquals(a, b);
  }

  @Test
  void onlyTheSameTokenMatches() {
    ApiToken token = ApiToken.of("it-only-token-0123456789");
    assertTrue(token.matches("it-only-token-0123456789"));
    assertFalse(token.matches("it-only-token-012345678"));
    assertFalse(token.matches(""));
    assertFalse(token.matches(null));
  }

  @Test
  void aTokenWithCharactersOutsideTheUrlSafeSetOrTooShortIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ApiToken.of("has space 0123456789"));
    assertThrows(IllegalArgumentException.class, () -> ApiToken.of("short"));
  }

  @Test
  void theTokenFileIsReadableByItsOwnerOnlyAndReplacesAnOldOne() throws Exception {
    Path file = temp.resolve(".smile/token");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");
    ApiToken token = ApiToken.generate();
    token.writeTo(file);
    assertEquals(token.value(), Files.readString(file).strip());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
  }

  @Test
  void theMaskedFormKeepsOnlyFourCharacters() {
    ApiToken token = ApiToken.of("abcdEFGHijklMNOPqrst");
    assertEquals("abcd…", token.toString());
  }
}
