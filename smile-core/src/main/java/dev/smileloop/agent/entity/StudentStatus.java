package dev.smileloop.agent.entity;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the Student says at the end of an attempt; written on the wire in lower case. */
@JsonbTypeAdapter(StudentStatus.WireAdapter.class)
public enum StudentStatus {
  COMPLETED,
  ASK_MENTOR,
  CANNOT_COMPLETE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<StudentStatus> parse(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wanted)).findFirst();
  }

  /** Maps the enum to its lower-case wire name and back. */
  public static final class WireAdapter implements JsonbAdapter<StudentStatus, String> {
    @Override
    public String adaptToJson(StudentStatus status) {
      return status.wireName();
    }

    @Override
    public StudentStatus adaptFromJson(String value) {
      return parse(value)
          .orElseThrow(() -> new IllegalArgumentException("unknown student status: " + value));
    }
  }
}
