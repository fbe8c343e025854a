package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Corpus tutorials (smile-core's {@code src/test/resources/corpus}) through the real server with
 * the built-in learner and Mentor: each ends with the loop status a careful reader expects, and the
 * JSON report's gap lines are those of the case's {@code expected.json}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CorpusIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Path CORPUS =
      Path.of("..", "smile-core", "src", "test", "resources", "corpus");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  /** Name and loop status: six styles, one server. */
  private static final List<String[]> CASES =
      List.of(
          new String[] {"editor-makefile", "completed"},
          new String[] {"intended-failure-rmdir", "completed"},
          new String[] {"indented-git-setext", "completed"},
          new String[] {"transcript-wrong-output", "completed"},
          new String[] {"every-gap-in-one-run", "blocker"},
          new String[] {"empty", "nothing_to_validate"});

  @Test
  void corpusTutorialsEndAsACarefulReaderExpects() throws IOException {
    for (String[] c : CASES) {
      server.stopAnyLoop();
      check(c[0], c[1]);
    }
  }

  private void check(String name, String status) throws IOException {
    String tutorial = Files.readString(CORPUS.resolve(name).resolve("tutorial.md"));
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", tutorial)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("maxIterations", 4)
                    .add(
                        "stateFile",
                        System.getProperty("java.io.tmpdir") + "/smile-corpus-it/state.json")
                    .add("outputDir", System.getProperty("java.io.tmpdir") + "/smile-corpus-it")
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 10)))
            .build()
            .toString();
    SmileServer.Reply started = server.post("api/loop", body);
    assertEquals(202, started.status(), started.body());

    JsonObject state = server.awaitStatus(s -> !SmileServer.isActive(s), WAIT);
    assertEquals(status, state.getString("status"), name + ": " + state);
    SmileServer.Reply report = server.get("api/report/json");
    assertEquals(200, report.status(), report.body());
    Set<Integer> lines = new TreeSet<>();
    for (JsonValue gap : report.json().getJsonArray("gaps")) {
      lines.add(gap.asJsonObject().getJsonObject("location").getInt("line"));
    }
    Set<Integer> expected = new TreeSet<>();
    try (JsonReader in =
        Json.createReader(Files.newBufferedReader(CORPUS.resolve(name).resolve("expected.json")))) {
      for (JsonValue gap : in.readObject().getJsonArray("gaps")) {
        expected.add(gap.asJsonObject().getInt("line"));
      }
    }
    assertEquals(expected, lines, name + ": " + report.body());
  }
}
