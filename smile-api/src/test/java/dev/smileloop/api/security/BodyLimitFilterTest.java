package dev.smileloop.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

  private static int depth(String json) {
    return BodyLimitFilter.depth(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void depthCountsNestedObjectsAndArrays() {
    assertEquals(0, depth("5"));
    assertEquals(1, depth("{\"a\": 1}"));
    assertEquals(3, depth("{\"a\": [{\"b\": 2}]}"));
    assertEquals(2000, depth("[".repeat(2000) + "]".repeat(2000)));
  }

  @Test
  void bracketsInsideStringsDoNotCount() {
    assertEquals(1, depth("{\"tutorialContent\": \"[[[[{{{{ \\\" [[[\"}"));
  }
}
