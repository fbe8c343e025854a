package dev.smileloop.config.entity;

/**
 * The {@code model} object of {@code smile.json}, for the model-API providers ({@code openai},
 * {@code anthropic}). Every field may be null: it then falls back to the server-wide default
 * ({@code smile.model.<field>} system property or {@code SMILE_MODEL_<FIELD>} environment
 * variable), then to the provider's default. {@code apiKeyEnv} names the environment variable that
 * holds the key; the key itself is never part of the configuration. {@code contextSize} is the
 * model's context window in tokens, the budget every prompt must fit in; {@code timeoutSeconds}
 * bounds one Student model call, {@code mentorTimeoutSeconds} one Mentor call (also for the LLM
 * command-line tools); {@code maxToolCalls} bounds the tool calls of one Student attempt.
 */
public record ModelSettings(
    String baseUrl,
    String name,
    String apiKeyEnv,
    Double temperature,
    Integer maxTokens,
    Integer contextSize,
    Integer timeoutSeconds,
    Integer mentorTimeoutSeconds,
    Integer maxToolCalls) {

  /** Nothing set: every value comes from the server's defaults. */
  public static ModelSettings unset() {
    return new ModelSettings(null, null, null, null, null, null, null, null, null);
  }
}
