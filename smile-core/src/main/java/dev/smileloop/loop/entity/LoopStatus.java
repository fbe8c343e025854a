package dev.smileloop.loop.entity;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a loop is (SPEC section 3); written on the wire in lower case. */
@JsonbTypeAdapter(LoopStatus.WireAdapter.class)
public enum LoopStatus {
  /** No loop has run in this instance yet. */
  IDLE(false),
  STARTING(false),
  RUNNING_STUDENT(false),
  WAITING_FOR_STUDENT(false),
  RUNNING_MENTOR(false),
  WAITING_FOR_MENTOR(false),
  COMPLETED(true),
  MAX_ITERATIONS(true),
  BLOCKER(true),
  TIMEOUT(true),
  ERROR(true),
  /** Ended by a stop request. */
  STOPPED(true),
  /**
   * The Student found nothing to run or write (an empty tutorial, no code blocks, only
   * illustrations): not "no gaps", since nothing was checked.
   */
  NOTHING_TO_VALIDATE(true),

  /**
   * The model playing an agent failed (unreadable answers, broken tool use): not a tutorial gap.
   */
  AGENT_ERROR(true);

  private final boolean terminal;

  LoopStatus(boolean terminal) {
    this.terminal = terminal;
  }

  public boolean isTerminal() {
    return terminal;
  }

  /** True while a loop owns the instance: a second start is refused. */
  public boolean isActive() {
    return this != IDLE && !terminal;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<LoopStatus> parse(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** Maps the enum to its lower-case wire name and back. */
  public static final class WireAdapter implements JsonbAdapter<LoopStatus, String> {
    @Override
    public String adaptToJson(LoopStatus status) {
      return status.wireName();
    }

    @Override
    public LoopStatus adaptFromJson(String value) {
      return parse(value)
          .orElseThrow(() -> new IllegalArgumentException("unknown loop status: " + value));
    }
  }
}
