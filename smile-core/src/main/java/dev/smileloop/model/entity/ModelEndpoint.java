package dev.smileloop.model.entity;

import dev.smileloop.config.entity.LlmProvider;
import java.time.Duration;

/**
 * One model API as a loop uses it, every value resolved. {@code apiKey} is the value of the
 * environment variable {@code apiKeyEnv} (a placeholder for local servers that need none); it never
 * appears in {@link #toString()}, logs or reports. {@code contextSize} is the token budget every
 * prompt must fit in, {@code maxTokens} what each answer may use of it.
 */
public record ModelEndpoint(
    LlmProvider provider,
    String baseUrl,
    String modelName,
    String apiKeyEnv,
    String apiKey,
    double temperature,
    int maxTokens,
    int contextSize,
    Duration studentTimeout,
    Duration mentorTimeout,
    int maxToolCalls) {

  @Override
  public String toString() {
    return provider.wireName() + " model " + modelName + " at " + baseUrl;
  }
}
