package dev.smileloop.loop.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.LoopEntry;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.problem.SmileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Many loops on one server: at most {@code concurrency} run at once, the rest wait in the order
 * they came. Each loop gets its own {@link LoopEngine} (an engine holds one loop) and its own
 * folder {@code <loopsDir>/<id>/} for its state file and reports. A loop leaves its slot when its
 * engine fires {@link LoopEvent.LoopCompleted} (after its reports are written); the next queued
 * loop then starts.
 *
 * <p>Locking: the registry's lock guards only its own bookkeeping; no engine is called while it is
 * held, because an engine fires its events (and so calls back here) under its own lock.
 */
public final class LoopRegistry {

  private static final Logger LOG = Logger.getLogger(LoopRegistry.class.getName());

  private final Function<Consumer<LoopEvent>, LoopEngine> engines;
  private final Path loopsDir;
  private final int concurrency;
  private final Clock clock;

  private final Object lock = new Object();
  private final Map<String, Slot> loops = new LinkedHashMap<>();
  private final Deque<Slot> queue = new ArrayDeque<>();
  private int running;

  /**
   * {@code engines} makes an engine that fires its events to the given consumer; {@code loopsDir}
   * holds one folder per loop.
   */
  public LoopRegistry(
      Function<Consumer<LoopEvent>, LoopEngine> engines,
      Path loopsDir,
      int concurrency,
      Clock clock) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
    this.engines = engines;
    this.loopsDir = loopsDir;
    this.concurrency = concurrency;
    this.clock = clock;
  }

  public int concurrency() {
    return concurrency;
  }

  /** Queues a loop; it starts at once when a slot is free. */
  public LoopEntry submit(LoopRequest request) {
    String id = UUID.randomUUID().toString();
    Path folder = loopsDir.resolve(id).toAbsolutePath().normalize();
    SmileConfig c = request.config();
    SmileConfig own =
        new SmileConfig(
            c.baseDir(),
            c.tutorial(),
            c.llmProvider(),
            c.maxIterations(),
            c.timeout(),
            c.containerImage(),
            c.studentBehavior(),
            c.container(),
            folder.resolve("state.json").toString(),
            folder.toString());
    Slot slot = new Slot(id, new LoopRequest(request.tutorial(), own), folder, clock.instant());
    slot.engine = engines.apply(event -> observed(slot, event));
    synchronized (lock) {
      loops.put(id, slot);
      queue.addLast(slot);
    }
    dispatch();
    return entry(slot);
  }

  /**
   * Every loop, in the order they were submitted. Their phases are read together, under one hold of
   * the lock, so the list never shows more loops running than the concurrency allows (read one by
   * one, a loop could still be seen running after the next one had taken its slot).
   */
  public List<LoopEntry> list() {
    List<Place> places;
    synchronized (lock) {
      places = loops.values().stream().map(this::place).toList();
    }
    return places.stream().map(this::entry).toList();
  }

  public LoopEntry get(String id) {
    return entry(slot(id));
  }

  /** The loop's state, tutorial and configuration, for its reports; empty while queued. */
  public Optional<LoopSnapshot> snapshot(String id) {
    return slot(id).engine.snapshot();
  }

  /** Stops a running loop, or takes a queued one out of the queue. */
  public LoopEntry stop(String id, String reason) {
    Slot slot = slot(id);
    synchronized (lock) {
      if (queue.remove(slot)) {
        slot.phase = "stopped";
        return entry(slot);
      }
    }
    if (!"running".equals(slot.phase)) {
      throw new SmileException(
          SmileException.Kind.UNAVAILABLE,
          "loop " + id + " is " + slot.phase + ", so there is nothing to stop");
    }
    slot.engine.stop(reason);
    return entry(slot);
  }

  /** Abandons running loops (resumable, like a crash) and forgets the queue. */
  public void shutdown() {
    List<Slot> all;
    synchronized (lock) {
      queue.clear();
      all = new ArrayList<>(loops.values());
    }
    all.forEach(s -> s.engine.shutdown());
  }

  private void observed(Slot slot, LoopEvent event) {
    if (event instanceof LoopEvent.LoopCompleted) {
      synchronized (lock) {
        if ("running".equals(slot.phase)) {
          slot.phase = "finished";
          running--;
        }
      }
      dispatch();
    }
  }

  /** Starts queued loops while slots are free. */
  private void dispatch() {
    while (true) {
      Slot next;
      synchronized (lock) {
        if (running >= concurrency || queue.isEmpty()) {
          return;
        }
        next = queue.pollFirst();
        next.phase = "running";
        running++;
      }
      try {
        next.engine.start(next.request);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "loop " + next.id + " could not start", e);
        synchronized (lock) {
          next.phase = "finished";
          next.failure = e.getMessage();
          running--;
        }
      }
    }
  }

  private Slot slot(String id) {
    synchronized (lock) {
      Slot slot = loops.get(id);
      if (slot == null) {
        throw new SmileException(SmileException.Kind.NOT_FOUND, "no loop " + id + " here");
      }
      return slot;
    }
  }

  private LoopEntry entry(Slot slot) {
    Place place;
    synchronized (lock) {
      place = place(slot);
    }
    return entry(place);
  }

  /** A slot's phase, failure and queue position at one moment; taken under the lock. */
  private record Place(Slot slot, String phase, String error, int position) {}

  private Place place(Slot slot) {
    int position = 0;
    if ("queued".equals(slot.phase)) {
      int i = 1;
      for (Slot s : queue) {
        if (s == slot) {
          position = i;
        }
        i++;
      }
    }
    return new Place(slot, slot.phase, slot.failure, position);
  }

  private LoopEntry entry(Place place) {
    Slot slot = place.slot();
    String phase = place.phase();
    String error = place.error();
    int position = place.position();
    LoopState state = "queued".equals(phase) ? null : slot.engine.status();
    if (state != null && state.loopId() == null) {
      state = null; // stopped while queued, or it never started
    }
    return new LoopEntry(
        slot.id,
        phase,
        position,
        slot.request.tutorial().name(),
        slot.folder.toString(),
        slot.queuedAt,
        state,
        error);
  }

  /** A loop's place in the registry. Mutable fields are guarded by the registry's lock. */
  private static final class Slot {
    final String id;
    final LoopRequest request;
    final Path folder;
    final Instant queuedAt;
    LoopEngine engine;
    String phase = "queued";
    String failure;

    Slot(String id, LoopRequest request, Path folder, Instant queuedAt) {
      this.id = id;
      this.request = request;
      this.folder = folder;
      this.queuedAt = queuedAt;
    }
  }
}
