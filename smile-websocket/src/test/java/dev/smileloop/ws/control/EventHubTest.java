package dev.smileloop.ws.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.ws.entity.Payload;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {

  private final Jsonb jsonb = JsonbBuilder.create();
  private final Clock clock = Clock.fixed(Events.T0, ZoneOffset.UTC);
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    pools.forEach(ExecutorService::shutdownNow);
    jsonb.close();
  }

  private ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  /** A hub whose sends run on the publishing thread: deterministic. */
  private EventHub hub(WsSettings settings) {
    return new EventHub(settings, new EnvelopeWriter(jsonb), Runnable::run, clock);
  }

  private EventHub hub() {
    return hub(WsSettings.DEFAULTS);
  }

  private static List<Long> seqs(List<JsonObject> messages) {
    return messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
  }

  private static List<String> names(List<JsonObject> messages) {
    return messages.stream().map(m -> m.getString("event")).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> all = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      all.add(i);
    }
    return all;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(2);
    }
  }

  @Test
  void seqIncreasesFromOneWithoutGaps() {
    EventHub hub = hub();
    FakeSink client = new FakeSink("a");
    hub.connect(client, null);
    for (int i = 1; i <= 5; i++) {
      assertEquals(i, hub.publish(Events.iteration(i)));
    }
    List<JsonObject> messages = client.messages();
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seqs(messages));
    assertEquals("connected", messages.get(0).getString("event"));
    assertEquals(5, hub.lastSeq());
  }

  @Test
  void connectedBeforeAnyEventShowsIdleStateAndSeqZero() {
    EventHub hub = hub();
    FakeSink client = new FakeSink("a");
    hub.connect(client, null);
    JsonObject connected = client.messages().get(0);
    assertEquals(0, connected.getInt("seq"));
    assertEquals(
        "idle", connected.getJsonObject("payload").getJsonObject("state").getString("status"));
    assertEquals(0, connected.getJsonObject("payload").getInt("lastSeq"));
  }

  @Test
  void connectedShowsTheStateOfTheLastEvent() {
    EventHub hub = hub();
    hub.publish(Events.iteration(1));
    hub.publish(
        new dev.smileloop.loop.entity.LoopEvent.MentorAnswered(
            "notes", Events.state(LoopStatus.WAITING_FOR_MENTOR, 2)));
    FakeSink client = new FakeSink("a");
    hub.connect(client, null);
    JsonObject payload = client.messages().get(0).getJsonObject("payload");
    assertEquals("waiting_for_mentor", payload.getJsonObject("state").getString("status"));
    assertEquals(2, payload.getInt("lastSeq"));
  }

  @Test
  void clientsConnectingBetweenTwoEventsShareOneEncodedSnapshot() {
    EventHub hub = hub();
    hub.publish(Events.iteration(1));
    FakeSink first = new FakeSink("first");
    FakeSink second = new FakeSink("second");
    hub.connect(first, null);
    hub.connect(second, null);
    hub.publish(Events.iteration(2));
    FakeSink third = new FakeSink("third");
    hub.connect(third, null);

    assertSame(first.frames().get(0), second.frames().get(0), "one encoding for both");
    assertEquals(2, third.messages().get(0).getInt("seq"), "a later client: the later state");
    assertEquals(2, third.messages().get(0).getJsonObject("payload").getInt("lastSeq"));
  }

  @Test
  void noEventsAreKeptForAbsentClientsWithoutSince() {
    EventHub hub = hub();
    for (int i = 1; i <= 3; i++) {
      hub.publish(Events.iteration(i));
    }
    FakeSink client = new FakeSink("a");
    hub.connect(client, null);
    hub.publish(Events.iteration(4));
    assertEquals(List.of(3L, 4L), seqs(client.messages()));
  }

  @Test
  void connectDuringABurstFromSeveralThreadsGetsEveryLaterEventExactlyOnceInOrder()
      throws Exception {
    int publishers = 4;
    int perPublisher = 250;
    int total = publishers * perPublisher;
    EventHub hub =
        new EventHub(
            new WsSettings(total + 10, 10, 30, 3, 2), new EnvelopeWriter(jsonb), pool(4), clock);
    ExecutorService completions = pool(2);
    FakeSink witness = new FakeSink("witness").completingOn(completions);
    hub.connect(witness, null);

    List<FakeSink> late = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService publishing = pool(publishers);
    AtomicInteger iteration = new AtomicInteger();
    AtomicInteger joined = new AtomicInteger();
    for (int p = 0; p < publishers; p++) {
      publishing.execute(
          () -> {
            try {
              go.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            for (int i = 0; i < perPublisher; i++) {
              int next = iteration.incrementAndGet();
              // Paced by the connections, so that each one lands mid-burst however busy the
              // machine is: never more than one connection's share ahead of them.
              while (joined.get() < 20 && next > (joined.get() + 1L) * total / 21) {
                LockSupport.parkNanos(10_000);
              }
              hub.publish(Events.iteration(next));
            }
          });
    }
    go.countDown();
    for (int c = 1; c <= 20; c++) {
      // Spread the connections over the burst: each one while events are being published.
      long target = (long) c * total / 22;
      while (hub.lastSeq() < target) {
        Thread.onSpinWait();
      }
      FakeSink client = new FakeSink("late-" + c);
      if (c % 2 == 0) {
        client.completingOn(completions);
      }
      late.add(client);
      hub.connect(client, null);
      joined.incrementAndGet();
    }
    await(() -> hub.lastSeq() == total, "all events published");
    await(() -> witness.frames().size() == total + 1, "the witness to get every event");

    // The iteration each seq carried, as the witness saw it.
    List<JsonObject> seen = witness.messages();
    assertEquals(range(0, total), seqs(seen));
    int midBurst = 0;
    for (FakeSink client : late) {
      await(
          () -> {
            List<String> frames = client.frames();
            return !frames.isEmpty()
                && frames.size() == total - FakeSink.parse(frames.get(0)).getInt("seq") + 1;
          },
          "client " + client.id() + " to catch up");
      List<JsonObject> messages = client.messages();
      JsonObject connected = messages.get(0);
      assertEquals("connected", connected.getString("event"));
      long snapshot = connected.getJsonNumber("seq").longValue();
      assertEquals(range(snapshot, total), seqs(messages), client.id());
      if (snapshot > 0) {
        int stateIteration =
            connected.getJsonObject("payload").getJsonObject("state").getInt("iteration");
        int eventIteration = seen.get((int) snapshot).getJsonObject("payload").getInt("iteration");
        assertEquals(
            eventIteration, stateIteration, "connected state is the state of event " + snapshot);
      }
      assertEquals(0, client.overlaps());
      if (snapshot > 0 && snapshot < total) {
        midBurst++;
      }
    }
    assertEquals(0, witness.overlaps());
    assertTrue(midBurst >= 10, "only " + midBurst + " clients connected during the burst");
  }

  @Test
  void slowClientLosesOldestEventsOnly() {
    EventHub hub = hub(new WsSettings(10, 100, 30, 3, 2));
    FakeSink slow = new FakeSink("slow").slow();
    FakeSink fast = new FakeSink("fast");
    hub.connect(slow, null);
    hub.connect(fast, null);

    long started = System.nanoTime();
    for (int i = 1; i <= 50; i++) {
      hub.publish(Events.iteration(i));
    }
    long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // The slow client has not finished reading its first frame, yet publishing went on.
    assertEquals(List.of("connected"), names(slow.messages()));
    assertTrue(publishMillis < 2000, "publishing took " + publishMillis + " ms");
    assertEquals(range(0, 50), seqs(fast.messages()));

    slow.release();
    List<JsonObject> messages = slow.messages();
    assertEquals("connected", messages.get(0).getString("event"));
    JsonObject notice = messages.get(1);
    assertEquals("error", notice.getString("event"));
    assertEquals(
        "40 events were dropped because this client reads too slowly",
        notice.getJsonObject("payload").getString("message"));
    assertEquals(40, notice.getJsonObject("payload").getInt("dropped"));
    assertEquals(Payload.EVENTS_DROPPED, notice.getJsonObject("payload").getString("code"));
    assertEquals(0, notice.getInt("seq"), "the notice sits where the gap starts");
    assertEquals(range(41, 50), seqs(messages.subList(2, messages.size())));
    assertEquals(
        40,
        hub.clients().stream()
            .filter(c -> c.id().equals("slow"))
            .findFirst()
            .orElseThrow()
            .droppedTotal());

    hub.publish(Events.iteration(51));
    assertEquals(51, slow.messages().get(slow.messages().size() - 1).getInt("seq"));
    assertEquals(13, slow.frames().size(), "no second notice without new drops");
  }

  /** Runs the tasks it is given only when told to: sending threads that fall behind. */
  private static final class LaggingExecutor implements java.util.concurrent.Executor {
    private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    void catchUp() {
      while (true) {
        Runnable task;
        synchronized (this) {
          task = tasks.poll();
        }
        if (task == null) {
          return;
        }
        task.run();
      }
    }
  }

  @Test
  void aReadingClientLosesNothingWhileTheSendingThreadsLagBehind() {
    LaggingExecutor sending = new LaggingExecutor();
    EventHub hub =
        new EventHub(new WsSettings(10, 100, 30, 3, 2), new EnvelopeWriter(jsonb), sending, clock);
    FakeSink reader = new FakeSink("reader");
    hub.connect(reader, null);

    for (int i = 1; i <= 50; i++) {
      hub.publish(Events.iteration(i));
    }
    sending.catchUp();

    assertEquals(range(0, 50), seqs(reader.messages()), "all 50 events, no drop notice");
    assertEquals(0, hub.clients().iterator().next().droppedTotal());
  }

  @Test
  void aQueueThatOutgrowsItsOverflowLosesItsOldestEvenWhileTheClientReads() {
    LaggingExecutor sending = new LaggingExecutor();
    EventHub hub =
        new EventHub(new WsSettings(10, 100, 30, 3, 2), new EnvelopeWriter(jsonb), sending, clock);
    FakeSink reader = new FakeSink("reader");
    hub.connect(reader, null);
    int cap = 10 * ClientChannel.OVERFLOW_FACTOR;

    for (int i = 1; i <= cap + 5; i++) {
      hub.publish(Events.iteration(i));
    }
    sending.catchUp();

    List<JsonObject> messages = reader.messages();
    assertEquals(5, messages.get(1).getJsonObject("payload").getInt("dropped"));
    assertEquals(range(6, cap + 5), seqs(messages.subList(2, messages.size())));
  }

  @Test
  void sendsOnOneClientNeverOverlap() throws Exception {
    EventHub hub =
        new EventHub(
            new WsSettings(10_000, 10, 30, 3, 2), new EnvelopeWriter(jsonb), pool(4), clock);
    ExecutorService completions = pool(3);
    List<FakeSink> clients = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      FakeSink client =
          c % 2 == 0 ? new FakeSink("c" + c).completingOn(completions) : new FakeSink("c" + c);
      clients.add(client);
      hub.connect(client, null);
    }
    ExecutorService publishing = pool(3);
    CountDownLatch done = new CountDownLatch(3);
    for (int p = 0; p < 3; p++) {
      publishing.execute(
          () -> {
            for (int i = 0; i < 400; i++) {
              hub.publish(Events.iteration(i));
              if (i % 50 == 0) {
                hub.heartbeat();
                hub.clients().forEach(c -> hub.alive(c.id()));
              }
            }
            done.countDown();
          });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    for (FakeSink client : clients) {
      await(() -> client.frames().size() == 1201, "client " + client.id() + " to get everything");
      assertEquals(range(0, 1200), seqs(client.messages()));
      assertEquals(0, client.overlaps(), "overlapping sends on " + client.id());
      assertTrue(client.pings() > 0);
    }
  }

  @Test
  void replaySinceNSendsTheBufferedEventsAfterNThenLive() {
    EventHub hub = hub();
    for (int i = 1; i <= 10; i++) {
      hub.publish(Events.iteration(i));
    }
    FakeSink client = new FakeSink("back");
    hub.connect(client, "4");
    hub.publish(Events.iteration(11));
    List<JsonObject> messages = client.messages();
    assertEquals("connected", messages.get(0).getString("event"));
    assertEquals(10, messages.get(0).getInt("seq"));
    assertEquals(range(5, 11), seqs(messages.subList(1, messages.size())));
    assertEquals(5, messages.get(1).getJsonObject("payload").getInt("iteration"));
  }

  @Test
  void replayGapIsToldClearlyThenWhatIsAvailableFollows() {
    EventHub hub = hub(new WsSettings(100, 5, 30, 3, 2));
    for (int i = 1; i <= 10; i++) {
      hub.publish(Events.iteration(i));
    }
    FakeSink client = new FakeSink("late");
    hub.connect(client, "2");
    List<JsonObject> messages = client.messages();
    assertEquals(List.of("connected", "error"), names(messages.subList(0, 2)));
    JsonObject gap = messages.get(1).getJsonObject("payload");
    assertEquals(
        "events 3..5 are no longer available; replay starts at 6", gap.getString("message"));
    assertEquals(Payload.REPLAY_GAP, gap.getString("code"));
    assertEquals(6, gap.getInt("firstAvailable"));
    assertEquals(range(6, 10), seqs(messages.subList(2, messages.size())));
  }

  @Test
  void replayWithNothingMissingHasNoGapNotice() {
    EventHub hub = hub(new WsSettings(100, 5, 30, 3, 2));
    for (int i = 1; i <= 10; i++) {
      hub.publish(Events.iteration(i));
    }
    FakeSink client = new FakeSink("late");
    hub.connect(client, "5");
    assertEquals(List.of(10L, 6L, 7L, 8L, 9L, 10L), seqs(client.messages()));
    assertEquals("connected", client.messages().get(0).getString("event"));
  }

  @Test
  void badSinceIsExplainedAndTheConnectionContinuesLive() {
    for (String bad : List.of("abc", "-1", "1.5", "", "99999999999999999999999")) {
      EventHub hub = hub();
      hub.publish(Events.iteration(1));
      FakeSink client = new FakeSink("x");
      hub.connect(client, bad);
      hub.publish(Events.iteration(2));
      List<JsonObject> messages = client.messages();
      assertEquals(List.of("connected", "error", "iteration_start"), names(messages), bad);
      JsonObject notice = messages.get(1).getJsonObject("payload");
      assertEquals(Payload.BAD_SINCE, notice.getString("code"));
      assertTrue(
          notice.getString("message").startsWith("since must be a whole number >= 0"),
          notice.toString());
      assertEquals(2, messages.get(2).getInt("seq"));
    }
  }

  @Test
  void sinceAtOrAboveTheCurrentSeqReplaysNothing() {
    for (String since : List.of("3", "1000")) {
      EventHub hub = hub();
      for (int i = 1; i <= 3; i++) {
        hub.publish(Events.iteration(i));
      }
      FakeSink client = new FakeSink("x");
      hub.connect(client, since);
      hub.publish(Events.iteration(4));
      assertEquals(List.of("connected", "iteration_start"), names(client.messages()), since);
      assertEquals(List.of(3L, 4L), seqs(client.messages()));
    }
  }

  @Test
  void heartbeatClosesAfterTheConfiguredMissedPongsAndNotBefore() {
    EventHub hub = hub(new WsSettings(100, 10, 30, 2, 2));
    FakeSink silent = new FakeSink("silent");
    FakeSink answering = new FakeSink("answering");
    hub.connect(silent, null);
    hub.connect(answering, null);

    hub.heartbeat();
    hub.alive("answering");
    hub.heartbeat();
    hub.alive("answering");
    assertEquals(2, silent.pings());
    assertNull(silent.closeCode(), "2 pings unanswered so far, none missed past the limit");

    hub.heartbeat(); // the second ping went unanswered for a whole period: 2 missed
    assertEquals(EventHub.POLICY_VIOLATION, silent.closeCode());
    assertEquals("no pong to 2 pings", silent.closeReason());
    assertEquals(2, silent.pings(), "no ping after the close");
    assertNull(answering.closeCode());
    assertEquals(3, answering.pings());
    assertEquals(List.of("answering"), hub.clients().stream().map(ClientChannel::id).toList());
  }

  @Test
  void aPongResetsTheMissedCount() {
    EventHub hub = hub(new WsSettings(100, 10, 30, 3, 2));
    FakeSink client = new FakeSink("late-pong");
    hub.connect(client, null);
    hub.heartbeat();
    hub.heartbeat();
    hub.heartbeat();
    hub.alive("late-pong");
    hub.heartbeat();
    hub.heartbeat();
    hub.heartbeat();
    assertNull(client.closeCode());
    hub.heartbeat();
    assertEquals(EventHub.POLICY_VIOLATION, client.closeCode());
  }

  @Test
  void shutdownClosesEveryClientWithGoingAwayAndRefusesNewOnes() {
    EventHub hub = hub();
    FakeSink a = new FakeSink("a");
    FakeSink b = new FakeSink("b").slow();
    hub.connect(a, null);
    hub.connect(b, null);
    hub.publish(Events.iteration(1));

    hub.shutdown();
    assertEquals(1001, a.closeCode());
    assertEquals(1001, b.closeCode(), "a client in the middle of a send is closed too");
    assertEquals("server is shutting down", a.closeReason());
    assertTrue(hub.clients().isEmpty());

    FakeSink late = new FakeSink("late");
    hub.connect(late, null);
    assertEquals(1001, late.closeCode());
    assertTrue(late.frames().isEmpty());
  }

  @Test
  void aFailingSendRemovesOnlyThatClient() {
    EventHub hub = hub();
    FakeSink broken = new FakeSink("broken");
    FakeSink fine = new FakeSink("fine");
    hub.connect(fine, null);
    hub.connect(broken, null);
    broken.failing();
    for (int i = 1; i <= 3; i++) {
      hub.publish(Events.iteration(i));
    }
    assertEquals(List.of("fine"), hub.clients().stream().map(ClientChannel::id).toList());
    assertEquals(1011, broken.closeCode());
    assertEquals(range(0, 3), seqs(fine.messages()));
  }

  @Test
  void aSendThatThrowsRemovesOnlyThatClient() {
    EventHub hub = hub();
    FakeSink fine = new FakeSink("fine");
    FakeSink throwing = new FakeSink("throwing").throwing();
    hub.connect(throwing, null);
    hub.connect(fine, null);
    hub.publish(Events.iteration(1));
    assertEquals(List.of("fine"), hub.clients().stream().map(ClientChannel::id).toList());
    assertEquals(range(0, 1), seqs(fine.messages()));
    assertEquals(1011, throwing.closeCode());
  }

  @Test
  void aDisconnectedClientGetsNothingMore() {
    EventHub hub = hub();
    FakeSink gone = new FakeSink("gone");
    hub.connect(gone, null);
    hub.disconnect("gone");
    hub.publish(Events.iteration(1));
    assertEquals(List.of("connected"), names(gone.messages()));
    assertNull(gone.closeCode(), "the connection is closed already: no close frame");
    assertTrue(hub.clients().isEmpty());
  }
}
