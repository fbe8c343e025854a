package dev.smileloop.ws.control;

import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.ws.control.ClientChannel.Frame;
import dev.smileloop.ws.entity.Payload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code /ws} stream: numbers each loop event, keeps the last ones for replay and queues them
 * to every connected client.
 *
 * <p>One lock orders everything that must be seen the same way by all clients: assigning the seq,
 * appending to the replay buffer, queueing to each client, and registering a new client together
 * with its snapshot of state and seq. So every client sees the same order, and a client that
 * connects while events are being published gets {@code connected} with the state after event
 * {@code N}, then exactly the events after {@code N}, with no gap and no duplicate. Nothing under
 * the lock waits on a client: queueing is an append to a bounded queue, and sends run on the
 * executor.
 */
public final class EventHub {

  private static final Logger LOG = Logger.getLogger(EventHub.class.getName());

  public static final int GOING_AWAY = 1001;
  public static final int POLICY_VIOLATION = 1008;

  private final WsSettings settings;
  private final EnvelopeWriter writer;
  private final Executor executor;
  private final Clock clock;

  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private final ArrayDeque<Frame> replay = new ArrayDeque<>();
  private long lastSeq;
  private LoopState lastState;
  private boolean shutDown;

  /** The last encoded {@code connected} frame; replaced as a whole, read without the lock. */
  private volatile Snapshot snapshot;

  /** Added to under the lock (so registration is atomic with the snapshot), removed anywhere. */
  private final Map<String, ClientChannel> clients = new ConcurrentHashMap<>();

  public EventHub(WsSettings settings, EnvelopeWriter writer, Executor executor, Clock clock) {
    this.settings = settings;
    this.writer = writer;
    this.executor = executor;
    this.clock = clock;
  }

  /**
   * Running totals for operators (metrics); {@code dropped} counts every client, past and present.
   */
  public record Stats(int open, long published, long queued, long dropped, long replayed) {}

  private final java.util.concurrent.atomic.LongAdder queued =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder replayedTotal =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder droppedByGone =
      new java.util.concurrent.atomic.LongAdder();

  public Stats stats() {
    List<ClientChannel> now = List.copyOf(clients.values());
    long dropped = droppedByGone.sum() + now.stream().mapToLong(ClientChannel::droppedTotal).sum();
    return new Stats(now.size(), lastSeq(), queued.sum(), dropped, replayedTotal.sum());
  }

  public WsSettings settings() {
    return settings;
  }

  /**
   * Encodes the event once, gives it the next seq and queues it to every client. Returns the seq,
   * or 0 when the event could not be encoded (logged; the seq is not used up, so no gap).
   */
  public long publish(LoopEvent event) {
    List<ClientChannel> toKick = new ArrayList<>();
    long seq;
    lock.lock();
    try {
      seq = lastSeq + 1;
      Frame frame;
      try {
        frame = new Frame(seq, writer.event(event, seq, clock.instant()), event.state().loopId());
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "cannot encode " + event.getClass().getSimpleName() + "; not sent", e);
        return 0;
      }
      lastSeq = seq;
      lastState = event.state();
      if (settings.replaySize() > 0) {
        if (replay.size() >= settings.replaySize()) {
          replay.pollFirst();
        }
        replay.addLast(frame);
      }
      queued.add(clients.size());
      for (ClientChannel client : clients.values()) {
        if (client.wants(frame) && client.offer(frame)) {
          toKick.add(client);
        }
      }
    } finally {
      lock.unlock();
    }
    toKick.forEach(ClientChannel::kick);
    return seq;
  }

  /**
   * Registers a client. It first receives {@code connected}, then, when {@code since} asks for it,
   * the buffered events after {@code since} (preceded by a {@code replay_gap} notice when some are
   * gone), then every later event. {@code since} is the raw query parameter, null when absent; a
   * value that is not a non-negative whole number earns a {@code bad_since} notice and live events
   * only.
   */
  public ClientChannel connect(ClientSink sink, String since) {
    return connect(sink, since, null);
  }

  /**
   * The same, for a client that follows only loop {@code loop} ({@code /ws?loop=ID}; null: all).
   */
  public ClientChannel connect(ClientSink sink, String since, String loop) {
    ClientChannel client =
        new ClientChannel(sink, settings.queueSize(), executor, this::droppedNotice, this::forget);
    client.follow(loop);
    long snapshotSeq;
    LoopState state;
    List<Frame> replayed = List.of();
    Payload.ErrorMessage notice = null;
    boolean refused = false;
    lock.lock();
    try {
      refused = shutDown;
      snapshotSeq = lastSeq;
      state = lastState;
      if (since != null) {
        Optional<Long> from = parseSince(since);
        if (from.isEmpty()) {
          notice = badSince(since);
        } else if (from.get() < lastSeq) {
          long firstAvailable = replay.isEmpty() ? lastSeq + 1 : replay.peekFirst().seq();
          if (from.get() + 1 < firstAvailable) {
            notice = replayGap(from.get(), firstAvailable);
          }
          replayed = after(from.get()).stream().filter(client::wants).toList();
        }
      }
      if (!refused) {
        ClientChannel previous = clients.put(sink.id(), client);
        if (previous != null) {
          previous.markClosed();
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused) {
      client.close(GOING_AWAY, "server is shutting down");
      return client;
    }
    // Encoding the snapshot (it can be large) happens outside the lock: the client is registered
    // but not started, so live events wait in its queue behind what is handed over here.
    Instant now = clock.instant();
    List<Frame> first = new ArrayList<>(replayed.size() + 2);
    first.add(new Frame(snapshotSeq, connectedText(snapshotSeq, state, now)));
    if (notice != null) {
      first.add(new Frame(snapshotSeq, writer.notice(notice, snapshotSeq, now)));
    }
    first.addAll(replayed);
    replayedTotal.add(replayed.size());
    client.start(first);
    return client;
  }

  /** The client's connection closed or failed: forget it without sending anything. */
  public void disconnect(String clientId) {
    ClientChannel client = clients.get(clientId);
    if (client != null) {
      client.markClosed();
    }
  }

  /** The client answered a ping or sent something: it is alive. */
  public void alive(String clientId) {
    ClientChannel client = clients.get(clientId);
    if (client != null) {
      client.alive();
    }
  }

  /**
   * One heartbeat tick: pings every client and closes, with 1008 and a reason, those that left
   * {@code maxMissedPongs} pings in a row unanswered. Called every {@code pingSeconds}.
   */
  public void heartbeat() {
    int maxMissed = settings.maxMissedPongs();
    for (ClientChannel client : clients.values()) {
      if (client.tick(maxMissed)) {
        LOG.info(() -> "closing client " + client.id() + ": no pong to " + maxMissed + " pings");
        client.close(POLICY_VIOLATION, "no pong to " + maxMissed + " pings");
      }
    }
  }

  /**
   * Closes every client with 1001 GOING_AWAY and refuses new ones: the application is going down.
   */
  public void shutdown() {
    List<ClientChannel> all;
    lock.lock();
    try {
      shutDown = true;
      all = new ArrayList<>(clients.values());
    } finally {
      lock.unlock();
    }
    LOG.fine(() -> "closing " + all.size() + " /ws clients: server is shutting down");
    all.forEach(client -> client.close(GOING_AWAY, "server is shutting down"));
  }

  public Collection<ClientChannel> clients() {
    return List.copyOf(clients.values());
  }

  public boolean isShutDown() {
    lock.lock();
    try {
      return shutDown;
    } finally {
      lock.unlock();
    }
  }

  public long lastSeq() {
    lock.lock();
    try {
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The {@code connected} frame for the state after event {@code seq}, encoded once for every
   * client that connects before the next event: the state holds the whole history, so a burst of
   * connections would otherwise encode (and hold) one copy each. Its timestamp is when the first of
   * them connected.
   */
  private String connectedText(long seq, LoopState state, Instant now) {
    Snapshot cached = snapshot;
    if (cached != null && cached.seq() == seq && cached.state() == state) {
      return cached.text();
    }
    String text = writer.connected(state != null ? state : LoopState.idle(now), seq, now);
    snapshot = new Snapshot(seq, state, text);
    return text;
  }

  private record Snapshot(long seq, LoopState state, String text) {}

  private void forget(ClientChannel client) {
    if (clients.remove(client.id(), client)) {
      droppedByGone.add(client.droppedTotal());
    }
  }

  private List<Frame> after(long since) {
    List<Frame> frames = new ArrayList<>();
    for (Frame frame : replay) {
      if (frame.seq() > since) {
        frames.add(frame);
      }
    }
    return frames;
  }

  private String droppedNotice(long dropped, long lastSentSeq) {
    Payload.ErrorMessage notice =
        new Payload.ErrorMessage(
            dropped + " events were dropped because this client reads too slowly",
            Payload.EVENTS_DROPPED,
            null,
            dropped);
    return writer.notice(notice, lastSentSeq, clock.instant());
  }

  static Optional<Long> parseSince(String since) {
    String value = since.trim();
    if (value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than a long holds
    }
  }

  private static Payload.ErrorMessage badSince(String since) {
    String shown = since.length() > 40 ? since.substring(0, 40) + "..." : since;
    return new Payload.ErrorMessage(
        "since must be a whole number >= 0 (the seq of the last event you received), got \""
            + shown
            + "\"; you get live events only",
        Payload.BAD_SINCE,
        null,
        null);
  }

  private static Payload.ErrorMessage replayGap(long since, long firstAvailable) {
    return new Payload.ErrorMessage(
        "events "
            + (since + 1)
            + ".."
            + (firstAvailable - 1)
            + " are no longer available; replay starts at "
            + firstAvailable,
        Payload.REPLAY_GAP,
        firstAvailable,
        null);
  }
}
