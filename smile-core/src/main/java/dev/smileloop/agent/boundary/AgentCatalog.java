package dev.smileloop.agent.boundary;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.Agents;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.control.BuiltinMentor;
import dev.smileloop.learner.control.BuiltinStudent;
import dev.smileloop.loop.control.AgentFactory;
import dev.smileloop.sandbox.control.Sandbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Chooses the Student and Mentor for a loop's {@code llmProvider}. Workspaces live under {@code
 * smile.workRoot} (default: {@code <java.io.tmpdir>/smile-loop}).
 */
@ApplicationScoped
public class AgentCatalog implements AgentFactory {

  @Inject Clock clock;

  @Override
  public Agents create(SmileConfig config) throws AgentException {
    return switch (config.llmProvider()) {
      case BUILTIN -> {
        Sandbox sandbox = Sandbox.forConfig(config);
        yield new Agents(new BuiltinStudent(workRoot(), sandbox, clock), new BuiltinMentor(sandbox.commands()));
      }
      case CLAUDE, CODEX, GEMINI -> throw AgentException.fatal("not yet");
      case EXTERNAL -> throw new IllegalStateException("external agents are played by the loop engine");
    };
  }

  static Path workRoot() {
    return Path.of(System.getProperty("smile.workRoot", System.getProperty("java.io.tmpdir") + "/smile-loop"));
  }
}
