package dev.smileloop.ws.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivery to one client: a bounded queue of encoded frames and a chain of sends, one at a time.
 *
 * <p>The publisher only appends to the queue. When the queue is full and the client holds up its
 * own delivery (a send it has not taken in is still in flight: the transport's buffers for it are
 * full), the oldest frame goes and is counted, so a slow client costs the publisher nothing. When
 * the queue is full only because the shared sending threads have not come round to this client yet,
 * nothing is dropped for a client that reads: the queue may then grow up to {@code OVERFLOW_FACTOR}
 * times its size (the frames are shared with every other client, so this costs a reference each),
 * beyond which the oldest go as well. Sends run on the given executor and never overlap: the next
 * frame is sent when the previous send has completed. A send that completes before {@code send}
 * returns is followed by the next one in the same loop rather than by recursion, and one that
 * completes later on another thread hands the rest back to the executor, so no thread waits on a
 * slow client. When frames were dropped, the client is told with an {@code events_dropped} notice
 * placed exactly where the gap is.
 *
 * <p>Frames handed over at {@link #start} (the {@code connected} message and any replay) are not
 * counted against the queue size; only live frames are.
 */
public final class ClientChannel {

  private static final Logger LOG = Logger.getLogger(ClientChannel.class.getName());

  /** How far past its size a queue may grow while the server, not the client, is behind. */
  static final int OVERFLOW_FACTOR = 10;

  /** A frame and the seq it carries, for placing notices. */
  /** An encoded frame; {@code loopId} is the loop of a broadcast event, else null. */
  record Frame(long seq, String text, String loopId) {
    Frame(long seq, String text) {
      this(seq, text, null);
    }
  }

  /** The one loop this client follows ({@code /ws?loop=ID}), or null for all. */
  private volatile String loop;

  void follow(String loopId) {
    this.loop = loopId == null || loopId.isBlank() ? null : loopId.strip();
  }

  /** False for a broadcast event of another loop than the one this client follows. */
  boolean wants(Frame frame) {
    String followed = loop;
    return followed == null || frame.loopId() == null || followed.equals(frame.loopId());
  }

  /** Encodes the notice telling a client how many events it lost before the next one. */
  @FunctionalInterface
  interface DropNotice {
    String encode(long dropped, long lastSentSeq);
  }

  private final ClientSink sink;
  private final int capacity;
  private final Executor executor;
  private final DropNotice dropNotice;
  private final Consumer<ClientChannel> onGone;

  // All below guarded by this.
  private final ArrayDeque<Frame> preamble = new ArrayDeque<>();
  private final ArrayDeque<Frame> live = new ArrayDeque<>();
  private boolean started;

  /** True while a pump runs or is scheduled, or a send is in flight: the send slot is taken. */
  private boolean busy;

  /** True from a send that did not complete at once until it completes: the client is behind. */
  private boolean sendPending;

  private boolean closed;
  private boolean pingWanted;
  private long droppedSinceNotice;
  private long droppedTotal;
  private long lastSentSeq;
  private int unansweredPings;

  ClientChannel(
      ClientSink sink,
      int capacity,
      Executor executor,
      DropNotice dropNotice,
      Consumer<ClientChannel> onGone) {
    this.sink = sink;
    this.capacity = capacity;
    this.executor = executor;
    this.dropNotice = dropNotice;
    this.onGone = onGone;
  }

  public String id() {
    return sink.id();
  }

  /** Events this client lost because it read too slowly, since it connected. */
  public synchronized long droppedTotal() {
    return droppedTotal;
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Queues a live frame, dropping the oldest when full. Returns true when the caller must {@link
   * #kick} the channel (outside any lock it holds), because no pump is running.
   */
  synchronized boolean offer(Frame frame) {
    if (closed) {
      return false;
    }
    if (live.size() >= capacity && (sendPending || live.size() >= capacity * OVERFLOW_FACTOR)) {
      live.pollFirst();
      droppedSinceNotice++;
      droppedTotal++;
    }
    live.addLast(frame);
    return claim();
  }

  /** Hands over the frames that precede live delivery and allows sending to begin. */
  void start(List<Frame> first) {
    boolean kick;
    synchronized (this) {
      if (closed) {
        return;
      }
      preamble.addAll(first);
      started = true;
      kick = claim();
    }
    if (kick) {
      kick();
    }
  }

  /** Schedules a pump; only the caller that got true from {@link #offer} or a claim calls this. */
  void kick() {
    try {
      executor.execute(this::pump);
    } catch (RejectedExecutionException e) {
      // The executor is shutting down with the application; the shutdown closes this client.
      LOG.log(Level.FINE, "cannot schedule delivery to client " + id(), e);
      synchronized (this) {
        busy = false;
      }
    }
  }

  /**
   * One heartbeat tick: asks for a ping, or returns true when {@code maxMissed} pings in a row went
   * unanswered and the client must be closed.
   */
  boolean tick(int maxMissed) {
    boolean kick;
    synchronized (this) {
      if (closed) {
        return false;
      }
      if (unansweredPings >= maxMissed) {
        return true;
      }
      unansweredPings++;
      pingWanted = true;
      kick = claim();
    }
    if (kick) {
      kick();
    }
    return false;
  }

  /** The client answered a ping (or otherwise showed it is alive). */
  synchronized void alive() {
    unansweredPings = 0;
  }

  /**
   * Sends a close frame and stops delivery. The close does not wait for an in-flight send: a client
   * whose send never completes must still be closed, and Tyrus orders a close frame after the frame
   * being written on the same connection.
   */
  void close(int code, String reason) {
    if (!markClosed()) {
      return;
    }
    try {
      sink.close(code, reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing client " + id() + " failed; it is gone already", e);
    }
  }

  /** Stops delivery without a close frame: the connection is closed already. Idempotent. */
  boolean markClosed() {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
      preamble.clear();
      live.clear();
    }
    onGone.accept(this);
    return true;
  }

  private boolean claim() {
    if (started && !busy && (pingWanted || !preamble.isEmpty() || !live.isEmpty())) {
      busy = true;
      return true;
    }
    return false;
  }

  private void pump() {
    while (true) {
      boolean ping = false;
      String text = null;
      synchronized (this) {
        if (closed) {
          busy = false;
          return;
        }
        if (pingWanted) {
          pingWanted = false;
          ping = true;
        } else if (!preamble.isEmpty()) {
          text = take(preamble);
        } else if (droppedSinceNotice > 0 && !live.isEmpty()) {
          text = dropNotice.encode(droppedSinceNotice, lastSentSeq);
          droppedSinceNotice = 0;
        } else if (!live.isEmpty()) {
          text = take(live);
        } else {
          busy = false;
          return;
        }
      }
      if (ping) {
        try {
          sink.ping();
        } catch (IOException | RuntimeException e) {
          fail(e);
          return;
        }
        continue;
      }
      Completion completion = new Completion();
      try {
        sink.send(text, completion);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (completion.arriveFirst()) {
        synchronized (this) {
          // Not done yet means the callback has not run, so the chain waits on this very send.
          if (!completion.done) {
            sendPending = true;
          }
        }
        return; // the send completes later; its callback carries on
      }
      if (completion.failure != null) {
        fail(completion.failure);
        return;
      }
    }
  }

  private String take(ArrayDeque<Frame> queue) {
    Frame frame = queue.pollFirst();
    lastSentSeq = frame.seq();
    return frame.text();
  }

  private void fail(Throwable failure) {
    LOG.info(() -> "dropping client " + id() + ": sending failed (" + failure + ")");
    LOG.log(Level.FINE, "send failure of client " + id(), failure);
    synchronized (this) {
      busy = false;
    }
    close(1011, "sending failed");
  }

  /**
   * The meeting point of the thread that called {@code send} and the callback: whichever arrives
   * second continues the chain, so the chain neither forks nor stops.
   */
  private final class Completion implements Consumer<Throwable> {
    private final AtomicBoolean other = new AtomicBoolean();
    private volatile Throwable failure;

    /** Guarded by the channel. */
    private boolean done;

    boolean arriveFirst() {
      return other.compareAndSet(false, true);
    }

    @Override
    public void accept(Throwable error) {
      failure = error;
      synchronized (ClientChannel.this) {
        done = true;
        sendPending = false;
      }
      if (arriveFirst()) {
        return; // completed inline: the sending thread sees it and loops
      }
      if (error != null) {
        fail(error);
      } else {
        kick();
      }
    }
  }
}
