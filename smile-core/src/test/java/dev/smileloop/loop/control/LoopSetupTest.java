package dev.smileloop.loop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.access.PathGuard;
import dev.smileloop.problem.SmileException;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopSetupTest {

  @TempDir Path served;

  private PathGuard guard() {
    return new PathGuard(List.of(served));
  }

  @Test
  void anInlineTutorialRunsWithTheGivenConfigAndReportsOfItsOwn() {
    var request =
        LoopSetup.of(
            new StartRequest(
                "# T\n\n```bash\necho hi\n```\n",
                null,
                null,
                Json.createObjectBuilder().add("maxIterations", 2).build(),
                false),
            served,
            guard());
    assertEquals("# T\n\n```bash\necho hi\n```\n", request.tutorial().markdown());
    assertEquals(2, request.config().maxIterations());
    assertTrue(
        request.config().outputDirPath().startsWith(served.resolve(".smile/reports")),
        request.config().outputDirPath().toString());
  }

  @Test
  void aTutorialPathResolvesInTheServedFolder() throws IOException {
    Files.writeString(served.resolve("t.md"), "# From a file\n");
    var request = LoopSetup.of(new StartRequest(null, "t.md", null, null, false), served, guard());
    assertEquals("# From a file\n", request.tutorial().markdown());
  }

  @Test
  void aTutorialOutsideTheServedFolderIsRefusedNamingTheField(@TempDir Path elsewhere)
      throws IOException {
    Path outside = Files.writeString(elsewhere.resolve("t.md"), "# secret\n");
    var refused =
        assertThrows(
            SmileException.class,
            () ->
                LoopSetup.of(
                    new StartRequest(null, outside.toString(), null, null, false),
                    served,
                    guard()));
    assertTrue(refused.getMessage().contains("tutorialPath"), refused.getMessage());
  }

  @Test
  void anInlineTutorialOver100KilobytesIsRefusedWithTheSpecsMessage() {
    // 51,201 two-byte characters: under 102,400 characters, over 102,400 bytes
    String content = "# T\n" + "\u00e9".repeat(51_201);
    var refused =
        assertThrows(
            SmileException.class,
            () ->
                LoopSetup.of(new StartRequest(content, null, null, null, false), served, guard()));
    assertTrue(
        refused.getMessage().startsWith("Tutorial exceeds size limit (100KB)"),
        refused.getMessage());
  }

  @Test
  void bothTutorialFieldsAreRefused() {
    var refused =
        assertThrows(
            SmileException.class,
            () ->
                LoopSetup.of(new StartRequest("# T", "t.md", null, null, false), served, guard()));
    assertEquals("give either tutorialContent or tutorialPath, not both", refused.getMessage());
  }
}
