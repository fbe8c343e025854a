package dev.smileloop.model.control;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.smileloop.model.entity.ModelEndpoint;
import java.time.Duration;

/**
 * Builds LangChain4j's client for an endpoint: OpenAI-compatible chat completions, Anthropic
 * Messages or Google's Gemini generateContent. LangChain4j's own retries are off ({@code
 * maxRetries(0)}): {@link ModelCaller} retries, honouring {@code Retry-After}, and counts the
 * retries for the audit trail.
 */
final class ChatModels {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private ChatModels() {}

  static ChatModel create(ModelEndpoint endpoint, Duration timeout) {
    ModelHttpClient.Builder http = new ModelHttpClient.Builder();
    http.connectTimeout(CONNECT_TIMEOUT);
    return switch (endpoint.provider()) {
      case OPENAI ->
          OpenAiChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(endpoint.baseUrl())
              .apiKey(endpoint.apiKey())
              .modelName(endpoint.modelName())
              .temperature(endpoint.temperature())
              .maxTokens(endpoint.maxTokens())
              .timeout(timeout)
              .maxRetries(0)
              .build();
      case ANTHROPIC ->
          AnthropicChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(endpoint.baseUrl())
              .apiKey(endpoint.apiKey())
              .modelName(endpoint.modelName())
              .temperature(endpoint.temperature())
              .maxTokens(endpoint.maxTokens())
              .timeout(timeout)
              .maxRetries(0)
              .build();
      case GOOGLE ->
          GoogleAiGeminiChatModel.builder()
              .httpClientBuilder(http)
              .baseUrl(endpoint.baseUrl())
              .apiKey(endpoint.apiKey())
              .modelName(endpoint.modelName())
              .temperature(endpoint.temperature())
              .maxOutputTokens(endpoint.maxTokens())
              .timeout(timeout)
              .maxRetries(0)
              .build();
      default ->
          throw new IllegalArgumentException(endpoint.provider().wireName() + " is no model API");
    };
  }
}
