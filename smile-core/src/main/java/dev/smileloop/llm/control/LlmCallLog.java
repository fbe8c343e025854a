package dev.smileloop.llm.control;

import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every LLM call of one loop's agents, in the order they ended, for the audit trail. A listener may
 * be told of each call as it ends (to publish it live or keep it with the loop's state); its
 * failures never disturb the agents. Thread-safe.
 */
public final class LlmCallLog {

  private static final Logger LOG = Logger.getLogger(LlmCallLog.class.getName());

  private final List<LlmCall> calls = new CopyOnWriteArrayList<>();
  private final Consumer<LlmCall> listener;

  public LlmCallLog() {
    this(call -> {});
  }

  public LlmCallLog(Consumer<LlmCall> listener) {
    this.listener = listener;
  }

  public void record(LlmCall call) {
    calls.add(call);
    try {
      listener.accept(call);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "an LLM call listener failed", e);
    }
  }

  /** All calls so far, oldest first. */
  public List<LlmCall> calls() {
    return List.copyOf(calls);
  }

  /** The calls one role made, oldest first. */
  public List<LlmCall> calls(LlmRole role) {
    return calls.stream().filter(call -> call.role() == role).toList();
  }
}
