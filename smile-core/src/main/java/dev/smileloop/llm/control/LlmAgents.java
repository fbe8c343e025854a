package dev.smileloop.llm.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.llm.entity.LlmCall;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Creates the Student and Mentor of an LLM command-line provider ({@code claude}, {@code codex},
 * {@code gemini}).
 */
public final class LlmAgents {

  private LlmAgents() {}

  /**
   * The agents for {@code config.llmProvider()}, with the server's environment, command lines from
   * system properties and a fresh call log (reach it with {@link #calls(Agents)}).
   *
   * @throws AgentException fatal, naming the tool, when it is not installed or its override is
   *     unusable
   * @throws IllegalArgumentException when the provider is not an LLM command-line tool
   */
  public static Agents create(SmileConfig config, Path workRoot, Clock clock)
      throws AgentException {
    return create(config, workRoot, clock, new LlmCallLog());
  }

  /** As {@link #create(SmileConfig, Path, Clock)}, recording the calls in {@code log}. */
  public static Agents create(SmileConfig config, Path workRoot, Clock clock, LlmCallLog log)
      throws AgentException {
    return create(CliInvoker.forProvider(config.llmProvider(), log, clock), workRoot);
  }

  /**
   * The agents of one invoker (its provider, environment and command lines); checks the tool first.
   */
  public static Agents create(CliInvoker invoker, Path workRoot) throws AgentException {
    invoker.checkInstalled();
    return new Agents(new CliStudent(invoker, workRoot), new CliMentor(invoker, workRoot));
  }

  /** Every LLM call the agents made so far, oldest first; empty for agents of other providers. */
  public static List<LlmCall> calls(Agents agents) {
    if (agents.student() instanceof CliStudent student) {
      return student.invoker().log().calls();
    }
    if (agents.mentor() instanceof CliMentor mentor) {
      return mentor.invoker().log().calls();
    }
    return List.of();
  }
}
