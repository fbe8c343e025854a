package dev.smileloop.loop.control;

/** The answer to an agent's callback: {@code nextAction} is {@code continue} or {@code stop}. */
public record CallbackReply(boolean acknowledged, String nextAction) {

  public static CallbackReply proceed(boolean willContinue) {
    return new CallbackReply(true, willContinue ? "continue" : "stop");
  }
}
