package dev.smileloop.model.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.ModelSettings;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.model.entity.ModelEndpoint;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a loop's {@code model} settings: {@code smile.json} first, then the server-wide default
 * ({@code smile.model.<field>} system property, then the {@code SMILE_MODEL_<FIELD>} environment
 * variable, as MicroProfile Config would map them), then the provider's default. The key is read
 * from the environment variable the settings name; it is required only for the provider's own
 * service (a local server at another base URL usually needs none).
 */
public final class ModelEndpoints {

  static final String OPENAI_URL = "https://api.openai.com/v1";
  static final String ANTHROPIC_URL = "https://api.anthropic.com/v1";
  static final String GOOGLE_URL = "https://generativelanguage.googleapis.com/v1beta";

  /** Sent when no key is needed: LangChain4j's clients refuse an empty key. */
  static final String NO_KEY = "no-key";

  private final Function<String, String> properties;
  private final Function<String, String> environment;

  public ModelEndpoints(Function<String, String> properties, Function<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  public static ModelEndpoints fromServer() {
    return new ModelEndpoints(System::getProperty, System::getenv);
  }

  /**
   * @throws AgentException fatal, naming the variable, when the provider's own service needs a key
   *     and none is set; or naming the field when a server-wide default is not a number
   */
  public ModelEndpoint resolve(SmileConfig config) throws AgentException {
    LlmProvider provider = config.llmProvider();
    ModelSettings m = config.model();
    boolean openai = provider == LlmProvider.OPENAI;
    String defaultUrl = openai ? OPENAI_URL : ANTHROPIC_URL;
    String baseUrl = text(m.baseUrl(), "baseUrl").orElse(defaultUrl);
    String name = text(m.name(), "name").orElse(openai ? "gpt-4o-mini" : "claude-3-5-haiku-latest");
    String keyEnv =
        text(m.apiKeyEnv(), "apiKeyEnv").orElse(openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY");
    String key = environment.apply(keyEnv);
    if (key == null || key.isBlank()) {
      if (baseUrl.equals(defaultUrl)) {
        throw AgentException.fatal(
            "llmProvider \""
                + provider.wireName()
                + "\" needs an API key: set the environment variable "
                + keyEnv
                + " (or name another one in model.apiKeyEnv), or point model.baseUrl at a local"
                + " server");
      }
      key = NO_KEY;
    }
    int timeout = number(m.timeoutSeconds(), "timeoutSeconds", 120);
    return new ModelEndpoint(
        provider,
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
        name,
        keyEnv,
        key.strip(),
        m.temperature() != null ? m.temperature() : decimal("temperature", 0.0),
        number(m.maxTokens(), "maxTokens", 2048),
        number(m.contextSize(), "contextSize", 32768),
        Duration.ofSeconds(timeout),
        Duration.ofSeconds(number(m.mentorTimeoutSeconds(), "mentorTimeoutSeconds", 120)),
        number(m.maxToolCalls(), "maxToolCalls", 200));
  }

  private Optional<String> text(String configured, String field) {
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured.strip());
    }
    return serverDefault(field);
  }

  private Optional<String> serverDefault(String field) {
    String value = properties.apply("smile.model." + field);
    if (value == null || value.isBlank()) {
      value = environment.apply("SMILE_MODEL_" + field.toUpperCase(Locale.ROOT));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private int number(Integer configured, String field, int fallback) throws AgentException {
    if (configured != null) {
      return configured;
    }
    Optional<String> value = serverDefault(field);
    if (value.isEmpty()) {
      return fallback;
    }
    return positive(value.get())
        .orElseThrow(
            () ->
                AgentException.fatal(
                    "smile.model." + field + " must be a positive integer, got " + value.get()));
  }

  private double decimal(String field, double fallback) throws AgentException {
    Optional<String> value = serverDefault(field);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AgentException.fatal(
        "smile.model." + field + " must be a number of at least 0, got " + value.get());
  }

  private static Optional<Integer> positive(String text) {
    try {
      int parsed = Integer.parseInt(text.strip());
      return parsed > 0 ? Optional.of(parsed) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
