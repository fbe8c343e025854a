package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MicroProfile Health of the real server: liveness, and readiness made of named checks. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  @Test
  void readinessIsMadeOfNamedChecksThatAllPass() {
    Sandbox.assumeAvailable();
    SmileServer server = new SmileServer(deployed);
    SmileServer.Reply ready = server.get("health/ready");
    assertEquals(200, ready.status(), ready.body());
    Map<String, String> checks =
        ready.json().getJsonArray("checks").stream()
            .map(JsonObject.class::cast)
            .collect(
                Collectors.toMap(
                    c -> c.getString("name"), c -> c.getString("status"), (a, b) -> a));
    for (String name : new String[] {"started", "sandbox", "folders", "engine", "broadcaster"}) {
      assertEquals("UP", checks.get(name), name + " in " + ready.body());
    }
  }

  @Test
  void livenessAnswersUp() {
    SmileServer.Reply live = new SmileServer(deployed).get("health/live");
    assertEquals(200, live.status(), live.body());
    assertTrue(live.body().contains("\"smile\""), live.body());
  }
}
