package dev.smileloop.ws.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A client connection that records what it was sent. By default every send completes before {@code
 * send} returns; it can instead hold completions until released (a slow client), complete them on
 * another thread, or fail them. It counts any overlap of sends and pings as a violation.
 */
final class FakeSink implements ClientSink {

  private final String id;
  private final List<String> frames = new CopyOnWriteArrayList<>();
  private final List<Consumer<Throwable>> held = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private volatile boolean slow;
  private volatile Executor completer;
  private volatile boolean failing;
  private volatile boolean throwing;
  private volatile Integer closeCode;
  private volatile String closeReason;

  FakeSink(String id) {
    this.id = id;
  }

  /** Holds every completion until {@link #release}: the client reads nothing. */
  FakeSink slow() {
    slow = true;
    return this;
  }

  /** Completes sends later, on {@code completer}'s thread. */
  FakeSink completingOn(Executor completer) {
    this.completer = completer;
    return this;
  }

  /** Fails every send with an IOException, as a vanished client does. */
  FakeSink failing() {
    failing = true;
    return this;
  }

  /** Throws from {@code send}, as a session closed underneath does. */
  FakeSink throwing() {
    throwing = true;
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    if (throwing) {
      throw new IllegalStateException("session closed");
    }
    if (inFlight.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    frames.add(text);
    Consumer<Throwable> finish =
        error -> {
          inFlight.decrementAndGet();
          done.accept(error);
        };
    if (failing) {
      finish.accept(new IOException("broken pipe"));
    } else if (slow) {
      synchronized (held) {
        held.add(finish);
      }
    } else if (completer != null) {
      completer.execute(() -> finish.accept(null));
    } else {
      finish.accept(null);
    }
  }

  @Override
  public void ping() {
    if (inFlight.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    pings.incrementAndGet();
    inFlight.decrementAndGet();
  }

  @Override
  public void close(int code, String reason) {
    closeCode = code;
    closeReason = reason;
  }

  /** Lets the client read again: completes the held send and every later one at once. */
  void release() {
    slow = false;
    List<Consumer<Throwable>> pending;
    synchronized (held) {
      pending = new ArrayList<>(held);
      held.clear();
    }
    pending.forEach(done -> done.accept(null));
  }

  List<String> frames() {
    return List.copyOf(frames);
  }

  List<JsonObject> messages() {
    return frames.stream().map(FakeSink::parse).toList();
  }

  static JsonObject parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  int overlaps() {
    return overlaps.get();
  }

  int pings() {
    return pings.get();
  }

  Integer closeCode() {
    return closeCode;
  }

  String closeReason() {
    return closeReason;
  }
}
