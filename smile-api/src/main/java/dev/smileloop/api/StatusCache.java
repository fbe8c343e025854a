package dev.smileloop.api;

import dev.smileloop.loop.control.StateMasking;
import dev.smileloop.loop.entity.LoopState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The masked {@code /api/status} bodies, encoded once per state: the engine replaces its {@link
 * LoopState} (immutable) on every change, so the same instance means the same JSON. Without this
 * every poll re-encoded and re-masked the whole history, which under {@code /ws} load took tens of
 * milliseconds a call. The full form (with the API token) and the reduced one are kept apart.
 */
@ApplicationScoped
public class StatusCache {

  private final StateMasking masking = StateMasking.forThisProcess();

  private final AtomicReference<Encoded> full = new AtomicReference<>();
  private final AtomicReference<Encoded> reduced = new AtomicReference<>();

  private record Encoded(LoopState state, String json) {}

  /** The one masking of this process (its JSON-B is costly to create per request). */
  public StateMasking masking() {
    return masking;
  }

  public String full(LoopState state) {
    return encoded(full, state, s -> masking.full(s).toString());
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
}
