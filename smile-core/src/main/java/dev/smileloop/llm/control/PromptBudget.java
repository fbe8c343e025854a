package dev.smileloop.llm.control;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.entity.MentorNote;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps every call inside {@code model.contextSize}: the context less the answer's {@code
 * maxTokens} and a margin for the tool definitions and the tokenizer's approximation. The tutorial
 * and the current step are never cut; older Mentor notes are shortened, then left out, and older
 * tool outputs are cut, each with {@link #CUT}. A prompt that still does not fit is a fatal error
 * that says by how much, never a silent truncation.
 */
public final class PromptBudget {

  static final String CUT = "[… cut to fit the model's context …]";
  private static final int MARGIN = 600;
  private static final int KEPT_CHARS = 300;

  private final int contextSize;
  private final int maxTokens;
  private final Tokens tokens;

  /**
   * @param contextSize the model's context window in tokens ({@code model.contextSize})
   * @param maxTokens what the answer may use of it ({@code model.maxTokens})
   */
  public PromptBudget(int contextSize, int maxTokens, Tokens tokens) {
    this.contextSize = contextSize;
    this.maxTokens = maxTokens;
    this.tokens = tokens;
  }

  int available() {
    return contextSize - maxTokens - MARGIN;
  }

  /**
   * The notes to put in a prompt so that it fits: all of them when they do, else the newest whole
   * and older ones shortened, else only the newest.
   */
  public List<MentorNote> fitNotes(
      List<MentorNote> notes, Function<List<MentorNote>, String> prompt) throws AgentException {
    if (tokens.count(prompt.apply(notes)) <= available()) {
      return notes;
    }
    List<MentorNote> shortened = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      MentorNote n = notes.get(i);
      boolean newest = i == notes.size() - 1;
      shortened.add(newest ? n : withAnswer(n, head(n.answer())));
    }
    if (tokens.count(prompt.apply(shortened)) <= available()) {
      return shortened;
    }
    List<MentorNote> newestOnly =
        notes.isEmpty() ? List.of() : List.of(notes.get(notes.size() - 1));
    int needed = tokens.count(prompt.apply(newestOnly));
    if (needed <= available()) {
      return newestOnly;
    }
    throw tooLarge(needed);
  }

  /** Cuts the oldest tool outputs until the conversation fits. */
  public void fitConversation(List<ChatMessage> messages) throws AgentException {
    int needed = tokens.count(messages);
    for (int i = 0; i < messages.size() && needed > available(); i++) {
      if (messages.get(i) instanceof ToolExecutionResultMessage result
          && result.text() != null
          && result.text().length() > KEPT_CHARS
          && !result.text().endsWith(CUT)) {
        messages.set(
            i,
            ToolExecutionResultMessage.from(
                result.id(), result.toolName(), result.text().substring(0, KEPT_CHARS) + CUT));
        needed = tokens.count(messages);
      }
    }
    if (needed > available()) {
      throw tooLarge(needed);
    }
  }

  /** Checks a prompt that has nothing left to cut. */
  public void check(String prompt) throws AgentException {
    int needed = tokens.count(prompt);
    if (needed > available()) {
      throw tooLarge(needed);
    }
  }

  private AgentException tooLarge(int needed) {
    return AgentException.fatal(
        "the prompt needs about "
            + needed
            + " tokens, but model.contextSize "
            + contextSize
            + " less model.maxTokens "
            + maxTokens
            + " and a margin of "
            + MARGIN
            + " leaves "
            + available()
            + " (the tutorial and the current step are never cut): use a model with a larger"
            + " context and raise model.contextSize, or split the tutorial");
  }

  private static String head(String text) {
    if (text == null || text.length() <= KEPT_CHARS) {
      return text;
    }
    return text.substring(0, KEPT_CHARS) + " " + CUT;
  }

  private static MentorNote withAnswer(MentorNote n, String answer) {
    return new MentorNote(n.iteration(), n.question(), answer, n.timestamp(), n.location());
  }
}
