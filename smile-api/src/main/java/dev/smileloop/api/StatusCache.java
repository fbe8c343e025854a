package dev.smileloop.api;

import dev.smileloop.json.Jsonp;
import dev.smileloop.loop.control.StateMasking;
import dev.smileloop.loop.entity.LoopState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The masked {@code /api/status} bodies, encoded once per state: the engine replaces its {@link
 * LoopState} (immutable) on every change, so the same instance means the same JSON. A new state
 * re-encodes only what is new in it: its history and notes are lists of records that the engine
 * carries over from state to state, so each record's masked JSON is kept by identity. Without this
 * every poll re-encoded and re-masked the whole history, which under {@code /ws} load took tens of
 * milliseconds a call. The full form (with the API token) and the reduced one are kept apart.
 */
@ApplicationScoped
public class StatusCache {

  /** Parts kept at most; past that (a very long loop) the map starts again. */
  private static final int MAX_PARTS = 10_000;

  private final StateMasking masking = StateMasking.forThisProcess();

  private final AtomicReference<Encoded> full = new AtomicReference<>();
  private final AtomicReference<Encoded> reduced = new AtomicReference<>();

  /** Masked JSON text of the records of the current loop, by identity; guarded by itself. */
  private final Map<Object, String> parts = new IdentityHashMap<>();

  private String partsOfLoop;

  private record Encoded(LoopState state, String json) {}

  /** The one masking of this process (its JSON-B is costly to create per request). */
  public StateMasking masking() {
    return masking;
  }

  public String full(LoopState state) {
    return encoded(full, state, this::encodeFull);
  }

  public String reduced(LoopState state) {
    return encoded(reduced, state, s -> masking.reduced(s).toString());
  }

  private static String encoded(
      AtomicReference<Encoded> cache, LoopState state, Function<LoopState, String> encode) {
    Encoded last = cache.get();
    if (last != null && last.state() == state) {
      return last.json();
    }
    Encoded fresh = new Encoded(state, encode.apply(state));
    cache.set(fresh);
    return fresh.json();
  }

  /**
   * Same JSON as {@code masking.full(state)}, with the history and notes spliced in from kept
   * parts: each part is valid JSON text on its own, so joining them with commas inside brackets
   * gives the array without writing the whole history again on every change.
   */
  private String encodeFull(LoopState state) {
    LoopState withoutLists =
        new LoopState(
            state.loopId(),
            state.status(),
            state.iteration(),
            state.maxIterations(),
            state.tutorial(),
            List.of(),
            List.of(),
            state.startedAt(),
            state.updatedAt(),
            state.reason(),
            state.reports());
    JsonObject top = masking.full(withoutLists);
    StringBuilder json = new StringBuilder(256);
    json.append('{');
    synchronized (parts) {
      if (!Objects.equals(partsOfLoop, state.loopId()) || parts.size() > MAX_PARTS) {
        parts.clear();
        partsOfLoop = state.loopId();
      }
      for (Map.Entry<String, JsonValue> field : top.entrySet()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(Jsonp.createValue(field.getKey())).append(':');
        switch (field.getKey()) {
          case "history" -> array(json, state.history());
          case "mentorNotes" -> array(json, state.mentorNotes());
          default -> json.append(field.getValue());
        }
      }
    }
    return json.append('}').toString();
  }

  private void array(StringBuilder json, List<?> records) {
    json.append('[');
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(
          parts.computeIfAbsent(records.get(i), record -> masking.masked(record).toString()));
    }
    json.append(']');
  }
}
