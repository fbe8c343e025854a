package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ServerUrlsTest {

  @Test
  void everyCallKeepsTheContextRoot() {
    ServerUrls urls = ServerUrls.of("http://host:8080/smile/");
    assertEquals(URI.create("http://host:8080/smile/api/loop"), urls.api("loop"));
    assertEquals(URI.create("http://host:8080/smile/api/report/json"), urls.api("report/json"));
    assertEquals(URI.create("ws://host:8080/smile/ws"), urls.events());
  }

  @Test
  void aRootServerHasItsApiAtTheRoot() {
    ServerUrls urls = ServerUrls.of("https://host");
    assertEquals(URI.create("https://host/api/status"), urls.api("status"));
    assertEquals(URI.create("wss://host/ws"), urls.events());
  }

  @Test
  void aUrlWithoutSchemeIsOneClearError() {
    var e = assertThrows(ServerUrls.Unreachable.class, () -> ServerUrls.of("127.0.0.1:3000"));
    assertTrue(e.getMessage().contains("http://127.0.0.1:3000"), e.getMessage());
  }

  @Test
  void theCliExitsWithFourAndOneLineWhenNothingListens() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("smile-cli");
    java.nio.file.Files.writeString(dir.resolve("t.md"), "# T\n");
    int code =
        new Main(new java.io.PrintStream(out), new java.io.PrintStream(err))
            .run(java.util.List.of("run", "t.md", "--server", "http://127.0.0.1:" + port), dir);
    assertEquals(4, code, err.toString());
    String text = err.toString().strip();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains("connection refused"), text);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    var out = new java.io.ByteArrayOutputStream();
    int code =
        new Main(new java.io.PrintStream(out), System.err)
            .run(java.util.List.of("--version"), java.nio.file.Path.of("."));
    assertEquals(0, code);
    assertTrue(out.toString().startsWith("smile "), out.toString());
  }
}
