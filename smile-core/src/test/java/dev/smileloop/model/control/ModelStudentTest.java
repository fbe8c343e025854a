package dev.smileloop.model.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.agent.control.StudentOutputParser;
import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.ModelSettings;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.llm.control.LlmCallLog;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.sandbox.control.TestSandboxes;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-API Student and Mentor against a scripted model server on the real wire (LangChain4j's
 * own OpenAI and Anthropic clients), with tool calls run in the real bubblewrap sandbox.
 */
class ModelStudentTest {

  static final String TUTORIAL =
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

  @TempDir Path dir;
  Tutorial tutorial;
  final LlmCallLog log = new LlmCallLog();
  final List<CommandRecord> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void tutorial() throws IOException {
    TestSandboxes.bubblewrap(); // skips without bubblewrap
    Path file = Files.writeString(dir.resolve("tutorial.md"), TUTORIAL);
    tutorial = new Tutorial("greeter", file, dir, TUTORIAL);
  }

  @Test
  void honestStudentReallyCreatesTheFilesThroughTheToolsAndCompletes() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("honest-openai")) {
      StudentOutput out = attempt(server, LlmProvider.OPENAI, settings(server, 32768));

      assertEquals(StudentStatus.COMPLETED, out.status());
      assertEquals(List.of("greet.sh"), out.filesCreated(), "files found in the workspace");
      assertEquals(List.of(), out.notices());
      CommandRecord ran = out.commands().get(1);
      assertEquals("bash greet.sh world", ran.command());
      assertEquals(12, ran.line());
      assertEquals(0, ran.exitCode());
      assertTrue(ran.outputExcerpt().contains("hello, world"), ran.outputExcerpt());
      assertEquals(out.commands(), progress, "every tool call streamed as progress");
      assertTrue(out.summary().startsWith("The model says: "), out.summary());

      List<LlmCall> calls = log.calls();
      assertEquals(3, calls.size());
      assertEquals(901, calls.get(0).usage().promptTokens(), "tokens from the API's usage");
      assertEquals("tool_execution", calls.get(0).usage().stopReason());
      assertEquals(LlmCall.Outcome.OK, calls.get(2).outcome());
      assertTrue(calls.get(2).usage().toolCalls().get(0).startsWith("finish "));
      // the second request carried the real result of the first tool call
      assertTrue(server.received().get(1).body().toString().contains("wrote 17 bytes to greet.sh"));
    }
  }

  @Test
  void keptWorkspaceHoldsTheFileTheToolWroteAndTheSummarySaysWhere() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("honest-openai")) {
      SmileConfig kept =
          withContainer(
              config(settings(server, 32768), LlmProvider.OPENAI),
              new ContainerSettings(true, true, false, false));
      StudentOutput out =
          ModelAgents.create(kept, endpoints(), dir.resolve("work"), Clock.systemUTC(), log)
              .student()
              .attempt(new StudentTask("loop-2", 1, tutorial, kept, List.of(), progress::add));

      String summary = out.summary();
      assertTrue(summary.contains("Workspace kept at "), summary);
      Path root = Path.of(summary.substring(summary.indexOf("kept at ") + 8, summary.length() - 1));
      assertEquals("echo \"hello, $1\"\n", Files.readString(root.resolve("work/greet.sh")));
    }
  }

  @Test
  void anthropicMessagesWireWorksTheSameWay() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("honest-anthropic")) {
      StudentOutput out = attempt(server, LlmProvider.ANTHROPIC, settings(server, 32768));

      assertEquals(StudentStatus.COMPLETED, out.status());
      assertEquals(List.of("greet.sh"), out.filesCreated());
      assertTrue(out.commands().get(1).outputExcerpt().contains("hello, world"));
      assertEquals("/v1/messages", server.received().get(0).path());
      assertEquals(801, log.calls().get(0).usage().promptTokens());
    }
  }

  @Test
  void googleGeminiWireWorksTheSameWay() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("honest-google")) {
      StudentOutput out = attempt(server, LlmProvider.GOOGLE, settings(server, 32768));

      assertEquals(StudentStatus.COMPLETED, out.status());
      assertEquals(List.of("greet.sh"), out.filesCreated());
      assertTrue(out.commands().get(1).outputExcerpt().contains("hello, world"));
      assertTrue(
          server.received().get(0).path().endsWith("/models/scripted:generateContent"),
          server.received().get(0).path());
      assertEquals(701, log.calls().get(0).usage().promptTokens());
    }
  }

  @Test
  void studentThatClaimsFilesItNeverWroteIsCaught() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("liar-openai")) {
      StudentOutput out = attempt(server, LlmProvider.OPENAI, settings(server, 32768));

      assertEquals(List.of(), out.filesCreated(), "nothing is in the workspace");
      assertEquals(1, out.notices().size());
      assertEquals("unverified_claim", out.notices().get(0).trigger());
      assertTrue(out.notices().get(0).problem().contains("notes-app/notes.sh"));
    }
  }

  @Test
  void echoedTemplateIsReaskedOnceThenAnAgentErrorNotAGap() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("echo-template-openai")) {
      AgentException e =
          assertThrows(
              AgentException.class,
              () -> attempt(server, LlmProvider.OPENAI, settings(server, 32768)));

      assertEquals(AgentException.Kind.AGENT_FAULT, e.kind());
      assertEquals(2, server.received().size(), "asked, then re-asked once");
      assertTrue(
          server.received().get(1).body().toString().contains("not a tool call"),
          "the re-ask names the error");
      assertTrue(
          e.getMessage().contains("\\\"completed\\\" or \\\"ask_mentor\\\"")
              || e.getMessage().contains("\"completed\" or \"ask_mentor\""),
          e.getMessage());
      assertEquals(LlmCall.Outcome.UNPARSEABLE, log.calls().get(1).outcome());
    }
  }

  @Test
  void echoedSchemaIsUnparseableForTheOutputParser() {
    String echoed =
        "{\n  \"status\": \"completed\" or \"ask_mentor\" or \"cannot_complete\",\n"
            + "  \"currentStep\": \"the heading of the step you were on\"\n}";
    assertEquals(StudentOutputParser.UNPARSEABLE, StudentOutputParser.parse(echoed).strategy());
  }

  @Test
  void rateLimitIsRetriedAfterTheServersRetryAfter() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("rate-limited-openai")) {
      StudentOutput out = attempt(server, LlmProvider.OPENAI, settings(server, 32768));

      assertEquals(StudentStatus.COMPLETED, out.status());
      Duration waited =
          Duration.between(server.received().get(0).at(), server.received().get(1).at());
      assertTrue(waited.toMillis() >= 950, "Retry-After: 1 honoured, waited " + waited);
      assertEquals(1, log.calls().get(0).usage().retries());
    }
  }

  @Test
  void promptThatCannotFitTheContextIsAClearError() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("honest-openai")) {
      AgentException e =
          assertThrows(
              AgentException.class,
              () -> attempt(server, LlmProvider.OPENAI, settings(server, 1200)));

      assertEquals(AgentException.Kind.FATAL, e.kind());
      assertTrue(e.getMessage().contains("model.contextSize 1200"), e.getMessage());
      assertEquals(0, server.received().size(), "nothing was sent, nothing silently cut");
    }
  }

  @Test
  void contextOverflowReportedByTheServerIsAClearError() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("context-exceeded-openai")) {
      AgentException e =
          assertThrows(
              AgentException.class,
              () -> attempt(server, LlmProvider.OPENAI, settings(server, 32768)));

      assertEquals(AgentException.Kind.FATAL, e.kind());
      assertTrue(e.getMessage().contains("does not fit the context"), e.getMessage());
      assertEquals(LlmCall.Outcome.ERROR, log.calls().get(0).outcome());
    }
  }

  @Test
  void mentorIsAPlainCompletion() throws Exception {
    try (ScriptedModelServer server = ScriptedModelServer.replaying("mentor-openai")) {
      Agents agents = agents(LlmProvider.OPENAI, settings(server, 32768));
      StudentOutput asked =
          StudentOutput.of(
              StudentStatus.ASK_MENTOR, "Step 2", "Permission denied", "How?", null, null);
      MentorAnswer answer =
          agents
              .mentor()
              .advise(
                  new MentorTask(
                      "loop-1",
                      1,
                      tutorial,
                      config(settings(server, 32768), LlmProvider.OPENAI),
                      asked,
                      List.of()));

      assertTrue(answer.resolvable());
      assertTrue(answer.notes().contains("chmod +x greet.sh"));
      assertFalse(server.received().get(0).body().containsKey("tools"), "no tools for the Mentor");
    }
  }

  private StudentOutput attempt(ScriptedModelServer server, LlmProvider provider, ModelSettings m)
      throws Exception {
    Agents agents = agents(provider, m);
    return agents
        .student()
        .attempt(
            new StudentTask("loop-1", 1, tutorial, config(m, provider), List.of(), progress::add));
  }

  private Agents agents(LlmProvider provider, ModelSettings m) throws AgentException {
    ModelEndpoints endpoints = new ModelEndpoints(name -> null, Map.of("TEST_KEY", "sk-test")::get);
    System.setProperty("smile.backoff.baseMillis", "10");
    return ModelAgents.create(
        config(m, provider), endpoints, dir.resolve("work"), Clock.systemUTC(), log);
  }

  private static ModelEndpoints endpoints() {
    return new ModelEndpoints(name -> null, Map.of("TEST_KEY", "sk-test")::get);
  }

  private static SmileConfig withContainer(SmileConfig c, ContainerSettings container) {
    return c.toBuilder().container(container).build();
  }

  private SmileConfig config(ModelSettings m, LlmProvider provider) {
    return SmileConfig.defaults(dir).toBuilder().llmProvider(provider).model(m).build();
  }

  private static ModelSettings settings(ScriptedModelServer server, int contextSize) {
    return new ModelSettings(
        server.baseUrl(), "scripted", "TEST_KEY", 0.0, 256, contextSize, 30, 30, 50);
  }
}
