package dev.smileloop.ws.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionSinkTest {

  @Test
  void closeReasonsAreCutToTheProtocolLimitOf123Bytes() {
    String reason = "é".repeat(100); // 200 bytes of UTF-8
    String shown = SessionSink.shorten(reason);
    assertTrue(shown.getBytes(StandardCharsets.UTF_8).length <= 123);
    assertEquals(61, shown.length());
    assertEquals("server is shutting down", SessionSink.shorten("server is shutting down"));
  }
}
