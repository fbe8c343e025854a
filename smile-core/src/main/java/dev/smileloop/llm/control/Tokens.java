package dev.smileloop.llm.control;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import java.util.List;

/**
 * Counts tokens where the API does not report them, and for the prompt budget before a call: with
 * OpenAI's {@code o200k} tokenizer (through LangChain4j), an approximation for other models' own
 * tokenizers, so budgets keep a margin ({@link PromptBudget}).
 */
public final class Tokens {

  private static final class Holder {
    static final OpenAiTokenCountEstimator ESTIMATOR = new OpenAiTokenCountEstimator("gpt-4o-mini");
  }

  public int count(String text) {
    return text == null || text.isEmpty() ? 0 : Holder.ESTIMATOR.estimateTokenCountInText(text);
  }

  public int count(List<ChatMessage> messages) {
    return messages.isEmpty() ? 0 : Holder.ESTIMATOR.estimateTokenCountInMessages(messages);
  }
}
