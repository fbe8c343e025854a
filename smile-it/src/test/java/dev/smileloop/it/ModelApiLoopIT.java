package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.model.control.ScriptedModelServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model-API Student on the real WAR: LangChain4j inside Payara talks to a scripted model server
 * started here (OpenAI chat-completions wire format, tool calls included), and every tool call runs
 * in the server's bubblewrap sandbox. The verdict is checked against what really happened.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelApiLoopIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final String TUTORIAL =
      """
      # Greeter

      ## Step 1: Write the script

      Save this as `greet.sh`:

      ```bash
      echo "hello, $1"
      ```

      ## Step 2: Run it

      ```bash
      bash greet.sh world
      ```
      """;

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

  private JsonObject run(ScriptedModelServer model, int contextSize, WsClient client) {
    String out = System.getProperty("java.io.tmpdir") + "/smile-model-it";
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", TUTORIAL)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "openai")
                    .add("maxIterations", 2)
                    .add("stateFile", out + "/state.json")
                    .add("outputDir", out)
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 10))
                    .add(
                        "model",
                        Json.createObjectBuilder()
                            .add("baseUrl", model.baseUrl())
                            .add("name", "scripted")
                            .add("apiKeyEnv", "SMILE_IT_NO_SUCH_KEY")
                            .add("maxTokens", 256)
                            .add("contextSize", contextSize)))
            .build()
            .toString();
    SmileServer.Reply reply = server.post("api/loop", body);
    assertEquals(202, reply.status(), reply.body());
    return client.awaitEvent("loop_complete", WAIT).getJsonObject("payload");
  }

  private JsonObject report() {
    return server.get("api/report/json").json();
  }

  @Test
  void studentCreatesTheFilesThroughSandboxedToolsAfterARateLimitAndCompletesWithoutGaps()
      throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.replaying("rate-limited-openai");
        WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      JsonObject complete = run(model, 32768, client);

      assertEquals("completed", complete.getString("status"), complete.toString());
      JsonObject progress =
          client
              .await(
                  e ->
                      "student_progress".equals(e.getString("event"))
                          && e.getJsonObject("payload")
                              .getString("command")
                              .equals("bash greet.sh world"),
                  WAIT)
              .getJsonObject("payload");
      assertEquals(0, progress.getInt("exitCode"));
      assertEquals(12, progress.getInt("line"));
      assertTrue(progress.getString("outputExcerpt").contains("hello, world"), progress.toString());

      JsonObject report = report();
      assertEquals(0, report.getJsonArray("gaps").size(), report.toString());
      JsonObject output =
          server.status().getJsonArray("history").getJsonObject(0).getJsonObject("studentOutput");
      assertEquals(List.of("greet.sh"), strings(output.getJsonArray("filesCreated")));
      JsonArray calls = report.getJsonObject("audit").getJsonArray("llmCalls");
      assertEquals(3, calls.size(), calls.toString());
      JsonObject first = calls.getJsonObject(0);
      assertEquals(1, first.getInt("retries"), "the 429 was retried");
      assertEquals(901, first.getInt("promptTokens"));
      assertEquals("api", first.getString("tokenSource"));
      assertTrue(first.getJsonArray("toolCalls").getString(0).startsWith("write_file "));
    }
  }

  @Test
  void studentThatClaimsAFileItNeverWroteIsCaught() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.replaying("liar-openai");
        WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      JsonObject complete = run(model, 32768, client);

      assertEquals("completed", complete.getString("status"));
      JsonArray gaps = report().getJsonArray("gaps");
      assertFalse(gaps.isEmpty(), "never \"no gaps\" on an unverified claim");
      assertTrue(gaps.toString().contains("notes-app/notes.sh"), gaps.toString());
    }
  }

  @Test
  void echoedTemplateEndsAsAnAgentErrorNotAGap() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.replaying("echo-template-openai");
        WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      JsonObject complete = run(model, 32768, client);

      assertEquals("agent_error", complete.getString("status"), complete.toString());
      JsonObject report = report();
      assertEquals(0, report.getJsonArray("gaps").size(), report.toString());
      JsonArray calls = report.getJsonObject("audit").getJsonArray("llmCalls");
      assertEquals("unparseable", calls.getJsonObject(1).getString("outcome"));
      assertTrue(calls.getJsonObject(1).getString("rawOutput").contains("\"ask_mentor\""));
    }
  }

  @Test
  void promptOverTheContextSizeIsAClearError() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.replaying("honest-openai");
        WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      JsonObject complete = run(model, 1200, client);

      assertEquals("error", complete.getString("status"));
      String reason = server.status().getString("reason");
      assertTrue(reason.contains("model.contextSize 1200"), reason);
      assertEquals(0, model.received().size(), "nothing sent, nothing silently cut");
    }
  }

  private static List<String> strings(JsonArray array) {
    return array.getValuesAs(jakarta.json.JsonString.class).stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }
}
