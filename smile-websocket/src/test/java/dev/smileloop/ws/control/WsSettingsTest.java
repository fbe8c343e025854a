package dev.smileloop.ws.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WsSettingsTest {

  @Test
  void unsetPropertiesGiveTheSpecDefaults() {
    assertEquals(new WsSettings(100, 1000, 30, 3, 2), WsSettings.from(name -> null));
  }

  @Test
  void propertiesOverrideEachSetting() {
    Map<String, String> props =
        Map.of(
            "smile.ws.queueSize", "5",
            "smile.ws.replaySize", "0",
            "smile.ws.pingSeconds", " 10 ",
            "smile.ws.maxMissedPongs", "1",
            "smile.ws.sendThreads", "4");
    assertEquals(new WsSettings(5, 0, 10, 1, 4), WsSettings.from(props::get));
  }

  @Test
  void anInvalidValueFallsBackToItsDefault() {
    Map<String, String> props = Map.of("smile.ws.pingSeconds", "often", "smile.ws.queueSize", "0");
    assertEquals(WsSettings.DEFAULTS, WsSettings.from(props::get));
  }

  @Test
  void environmentVariableNamesFollowThePropertyNames() {
    assertEquals("SMILE_WS_PINGSECONDS", WsSettings.envName(WsSettings.PING_SECONDS));
  }

  @Test
  void impossibleSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WsSettings(0, 10, 30, 3, 2));
    assertThrows(IllegalArgumentException.class, () -> new WsSettings(10, 10, 30, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> new WsSettings(10, 10, 30, 3, 0));
  }
}
