package dev.smileloop.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.smileloop.problem.SmileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {

  @TempDir Path temp;

  private PathGuard guardOf(Path served) throws Exception {
    Files.createDirectories(served);
    return new PathGuard(List.of(served));
  }

  @Test
  void aPathInsideTheServedFolderPassesEvenWhenItDoesNotExistYet() throws Exception {
    Path served = temp.resolve("served");
    PathGuard guard = guardOf(served);
    Path later = served.resolve("reports/new/smile-report.md");
    assertEquals(later, guard.check("outputDir", later));
  }

  @Test
  void aPathOutsideIsRefusedNamingTheFieldOnlyWhetherOrNotItExists() throws Exception {
    Path served = temp.resolve("served");
    PathGuard guard = guardOf(served);
    Path existing = Files.writeString(temp.resolve("secret.txt"), "s3cret");
    Path missing = temp.resolve("nope/missing.txt");
    String a =
        assertThrows(SmileException.class, () -> guard.check("stateFile", existing)).getMessage();
    String b =
        assertThrows(SmileException.class, () -> guard.check("stateFile", missing)).getMessage();
    assertEquals(a, b);
    assertFalse(a.contains(temp.toString()), a);
    assertFalse(a.contains("s3cret"), a);
  }

  @Test
  void dotDotCannotClimbOut() throws Exception {
    Path served = temp.resolve("served");
    PathGuard guard = guardOf(served);
    assertThrows(
        SmileException.class, () -> guard.check("tutorialPath", served.resolve("../x.md")));
  }

  @Test
  void aSymbolicLinkThatLeadsOutsideIsRefused() throws Exception {
    Path served = temp.resolve("served");
    PathGuard guard = guardOf(served);
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Path link = Files.createSymbolicLink(served.resolve("link"), outside);
    assertThrows(SmileException.class, () -> guard.check("outputDir", link.resolve("new")));
    Path dangling = Files.createSymbolicLink(served.resolve("dangling"), temp.resolve("gone"));
    assertThrows(SmileException.class, () -> guard.check("stateFile", dangling));
  }

  @Test
  void anExtraRootWidensWhatIsAllowed() throws Exception {
    Path served = Files.createDirectories(temp.resolve("served"));
    Path extra = Files.createDirectories(temp.resolve("extra"));
    PathGuard guard = new PathGuard(List.of(served, extra));
    Path file = extra.resolve("t.md");
    assertEquals(file, guard.check("tutorialPath", file));
  }
}
