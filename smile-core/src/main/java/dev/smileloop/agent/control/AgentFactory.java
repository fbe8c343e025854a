package dev.smileloop.agent.control;

import dev.smileloop.config.entity.SmileConfig;

/**
 * Creates the agents for a loop's provider. External agents are not made here: the engine plays
 * them itself through the REST callbacks.
 */
@FunctionalInterface
public interface AgentFactory {

  Agents create(SmileConfig config) throws AgentException;
}
