package dev.smileloop.config.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How hard the Student tries on its own before it asks the Mentor. */
public enum Patience {
  /** Asks at the first difficulty. */
  LOW,
  /** Tries two or three approaches of its own first. */
  MEDIUM,
  /** Exhausts every approach it knows, and reads on past a failure, before asking. */
  HIGH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Patience> parse(String value) {
    return Arrays.stream(values())
        .filter(p -> p.wireName().equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
