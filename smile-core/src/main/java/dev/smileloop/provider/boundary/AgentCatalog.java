package dev.smileloop.provider.boundary;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.AgentFactory;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.learner.mentor.BuiltinMentor;
import dev.smileloop.learner.student.BuiltinStudent;
import dev.smileloop.llm.control.LlmAgents;
import dev.smileloop.llm.control.LlmCallLog;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.model.control.ModelAgents;
import dev.smileloop.model.control.ModelEndpoints;
import dev.smileloop.sandbox.control.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Chooses the Student and Mentor for a loop's {@code llmProvider}: the built-in learner in the
 * bubblewrap sandbox, an LLM command-line tool (claude, codex, gemini), or a model API (openai,
 * anthropic) whose Student acts only through SMILE's tools. Workspaces live under {@code
 * smile.workRoot} (default: {@code <java.io.tmpdir>/smile-loop}). It keeps the current loop's LLM
 * calls for the report's audit trail.
 */
@ApplicationScoped
public class AgentCatalog implements AgentFactory {

  @Inject Clock clock;

  private volatile LlmCallLog llmCalls = new LlmCallLog();

  @Override
  public Agents create(SmileConfig config) throws AgentException {
    return switch (config.llmProvider()) {
      case BUILTIN -> {
        Sandbox sandbox = Sandbox.forConfig(config);
        yield new Agents(
            new BuiltinStudent(workRoot(), sandbox, clock),
            new BuiltinMentor(sandbox.commands(), new TutorialParser(sandbox.commands())::parse));
      }
      case CLAUDE, CODEX, GEMINI -> {
        llmCalls = new LlmCallLog(); // one loop at a time: only its calls are kept
        yield LlmAgents.create(config, workRoot(), clock, llmCalls);
      }
      case OPENAI, ANTHROPIC, GOOGLE -> {
        llmCalls = new LlmCallLog();
        yield ModelAgents.create(config, ModelEndpoints.fromServer(), workRoot(), clock, llmCalls);
      }
      case EXTERNAL ->
          throw new IllegalStateException("external agents are played by the loop engine");
    };
  }

  /** The LLM calls of loop {@code loopId}, for its report's audit trail. */
  public List<dev.smileloop.report.entity.LlmCall> llmCalls(String loopId) {
    return llmCalls.calls().stream()
        .filter(call -> loopId != null && loopId.equals(call.loopId()))
        .map(LlmCall::toAudit)
        .toList();
  }

  static Path workRoot() {
    return Path.of(
        System.getProperty("smile.workRoot", System.getProperty("java.io.tmpdir") + "/smile-loop"));
  }
}
