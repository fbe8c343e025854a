package dev.smileloop.model.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.llm.control.LlmCallLog;
import dev.smileloop.llm.control.PromptBudget;
import dev.smileloop.llm.control.Tokens;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.model.entity.ModelEndpoint;
import dev.smileloop.sandbox.control.Sandbox;
import java.nio.file.Path;
import java.time.Clock;

/** Creates the Student and Mentor of a model-API provider ({@code openai}, {@code anthropic}). */
public final class ModelAgents {

  private ModelAgents() {}

  /**
   * @throws AgentException fatal when the key or a server-wide setting is missing or wrong
   */
  public static Agents create(
      SmileConfig config, ModelEndpoints endpoints, Path workRoot, Clock clock, LlmCallLog log)
      throws AgentException {
    ModelEndpoint endpoint = endpoints.resolve(config);
    Tokens tokens = new Tokens();
    PromptBudget budget = new PromptBudget(endpoint.contextSize(), endpoint.maxTokens(), tokens);
    long base = Long.getLong("smile.backoff.baseMillis", 1000L);
    ModelCaller student =
        new ModelCaller(
            endpoint,
            ChatModels.create(endpoint, endpoint.studentTimeout()),
            endpoint.studentTimeout(),
            LlmRole.STUDENT,
            log,
            clock,
            base,
            tokens);
    ModelCaller mentor =
        new ModelCaller(
            endpoint,
            ChatModels.create(endpoint, endpoint.mentorTimeout()),
            endpoint.mentorTimeout(),
            LlmRole.MENTOR,
            log,
            clock,
            base,
            tokens);
    Sandbox sandbox = Sandbox.forConfig(config);
    return new Agents(
        new ModelStudent(student, budget, sandbox, workRoot, endpoint.maxToolCalls()),
        new ModelMentor(mentor, budget));
  }
}
