package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonFileTest {

  @TempDir Path folder;

  private DaemonFile sample() {
    return new DaemonFile(
        41234,
        4242L,
        "123-456",
        Path.of("/opt/smile/smile-microbundle.jar"),
        folder.resolve(".smile/daemon.token"),
        List.of(folder.resolve("docs"), folder),
        List.of("smile.model.name=qwen", "smile.ws.pingSeconds=5"),
        "abc",
        folder.resolve(".smile/server.log"));
  }

  @Test
  void whatIsWrittenIsReadBackUnchanged() throws Exception {
    Path file = DaemonFile.in(folder);
    sample().write(file);
    assertEquals(folder.resolve(".smile/daemon.json"), file);
    assertEquals(sample(), DaemonFile.read(file).orElseThrow());
    assertFalse(Files.exists(file.resolveSibling("daemon.json.tmp")), "no temporary file left");
  }

  @Test
  void theFileNamesTheTokenFileButNeverHoldsTheToken() throws Exception {
    Path file = DaemonFile.in(folder);
    sample().write(file);
    String json = Files.readString(file);
    assertTrue(json.contains("\"tokenFile\":\"" + folder.resolve(".smile/daemon.token")), json);
    assertFalse(json.contains("\"token\""), json);
  }

  @Test
  void aMissingOrForeignFileMeansNoDaemon() throws Exception {
    Path file = DaemonFile.in(folder);
    assertTrue(DaemonFile.read(file).isEmpty());
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"port\": \"not a number\"}");
    assertTrue(DaemonFile.read(file).isEmpty());
    Files.writeString(file, "half a fi");
    assertTrue(DaemonFile.read(file).isEmpty());
  }
}
