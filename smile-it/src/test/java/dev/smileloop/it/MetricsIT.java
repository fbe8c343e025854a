package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /metrics} (Prometheus text) after a real loop counts what the loop did. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetricsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  /** The value of the first sample whose line starts with {@code name} and has every label. */
  private static double sample(String metrics, String name, String... labels) {
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(name) && !line.startsWith("#")) {
        boolean all = true;
        for (String label : labels) {
          all &= line.contains(label);
        }
        if (all) {
          Matcher value = Pattern.compile("\\s([0-9.eE+-]+)$").matcher(line);
          if (value.find()) {
            return Double.parseDouble(value.group(1));
          }
        }
      }
    }
    return -1;
  }

  @Test
  void aFinishedLoopIsCountedWithItsOutcomeIterationsGapsAndAgentTimes() {
    SmileServer server = new SmileServer(deployed);
    server.stopAnyLoop();
    try (WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", Duration.ofSeconds(10));
      assertEquals(202, server.post("api/loop", Bodies.externalLoop()).status());
      server.post("api/student/result", Bodies.askMentor("Where does greet.txt come from?"));
      server.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
      server.post("api/student/result", Bodies.completed());
      client.awaitEvent("loop_complete", Duration.ofSeconds(10));

      String metrics = server.get("metrics").body();
      Instant deadline = Instant.now().plusSeconds(10);
      // Gaps are counted off the loop's thread, just after it ended.
      while (sample(metrics, "smile_gaps_found") < 1 && Instant.now().isBefore(deadline)) {
        SmileServer.sleep(200);
        metrics = server.get("metrics").body();
      }
      assertTrue(sample(metrics, "smile_loops_started") >= 1, metrics);
      assertTrue(sample(metrics, "smile_loops_ended", "outcome=\"completed\"") >= 1, metrics);
      assertTrue(sample(metrics, "smile_iterations") >= 2, metrics);
      assertTrue(sample(metrics, "smile_student_reports", "status=\"ask_mentor\"") >= 1, metrics);
      assertTrue(sample(metrics, "smile_gaps_found", "severity=\"major\"") >= 1, metrics);
      assertTrue(sample(metrics, "smile_agent_call", "role=\"mentor\"") >= 0, metrics);
      assertTrue(sample(metrics, "smile_ws_sessions_open") >= 1, metrics);
      assertTrue(sample(metrics, "smile_ws_events_published") >= 5, metrics);
    }
  }
}
