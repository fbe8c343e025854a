package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The guarantees of {@code /ws} beyond single events: replay for reconnecting clients, the bounded
 * buffer of a slow client, and the heartbeat. The server runs with a 3 s ping, 3 missed pongs and a
 * replay buffer of 50 events (see the failsafe configuration).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventStreamIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Set<String> LOOP_EVENTS =
      Set.of(
          "iteration_start",
          "student_output",
          "mentor_output",
          "loop_complete",
          "error",
          "student_progress");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  private void startExternalLoop(int maxIterations) {
    SmileServer.Reply started =
        server.post(
            "api/loop",
            Bodies.externalLoop(
                Json.createObjectBuilder().add("maxIterations", maxIterations).build()));
    assertEquals(202, started.status(), started.body());
  }

  /**
   * One Student question and one Mentor answer: three events (student_output, mentor_output,
   * iteration_start).
   */
  private void cycle(String text) {
    assertEquals(200, server.post("api/student/result", Bodies.askMentor(text)).status());
    assertEquals(200, server.post("api/mentor/result", Bodies.mentor(text)).status());
  }

  private static long seq(JsonObject event) {
    return event.getJsonNumber("seq").longValue();
  }

  @Test
  void reconnectingClientGetsWhatItMissedInOrder() {
    startExternalLoop(100);
    long lastSeen;
    try (WsClient first = WsClient.connect(server)) {
      first.awaitEvent("connected", WAIT);
      cycle("one");
      JsonObject mentor = first.awaitEvent("mentor_output", WAIT);
      lastSeen = seq(mentor);
    }
    cycle("two");
    try (WsClient again = WsClient.connect(server, "since=" + lastSeen)) {
      again.await(
          e ->
              "mentor_output".equals(e.getString("event"))
                  && "two".equals(e.getJsonObject("payload").getString("notes")),
          WAIT);
      List<JsonObject> events = again.events();
      assertEquals("connected", events.get(0).getString("event"));
      List<JsonObject> replayed = events.subList(1, events.size());
      assertEquals(
          lastSeen + 1, seq(replayed.get(0)), "replay starts right after the last event seen");
      for (int i = 1; i < replayed.size(); i++) {
        assertEquals(
            seq(replayed.get(i - 1)) + 1,
            seq(replayed.get(i)),
            "no gap and no duplicate: " + events);
      }
      assertTrue(again.names().containsAll(List.of("student_output", "mentor_output")));
    }
  }

  @Test
  void reconnectingTooLateIsToldWhichEventsAreGone() {
    startExternalLoop(100);
    long before = seq(firstSeq());
    for (int i = 0; i < 20; i++) {
      cycle("c" + i); // 60 events, more than the replay buffer of 50
    }
    try (WsClient late = WsClient.connect(server, "since=" + before)) {
      JsonObject gap = late.awaitEvent("error", WAIT);
      assertEquals("replay_gap", gap.getJsonObject("payload").getString("code"), gap.toString());
      assertTrue(gap.getJsonObject("payload").getString("message").contains("no longer available"));
    }
  }

  private JsonObject firstSeq() {
    try (WsClient probe = WsClient.connect(server)) {
      return probe.awaitEvent("connected", WAIT);
    }
  }

  @Test
  void slowClientLosesOnlyItsOldestEventsAndNobodyElseWaits() throws Exception {
    // The transport (socket buffers, Tyrus/Grizzly write queue) holds about 15 MB for a client
    // that reads nothing; only beyond that does the client's own queue of 100 events overflow.
    String bulk = "x".repeat(64 * 1024);
    try (WsClient fast = WsClient.connect(server);
        RawWsClient slow = new RawWsClient(server.base().getPort(), true)) {
      fast.awaitEvent("connected", WAIT);
      startExternalLoop(400);
      for (int i = 0; i < 200; i++) {
        cycle(i + bulk); // 600 events of 64 KB (38 MB) while the slow client reads nothing
      }
      JsonObject last =
          fast.await(
              e ->
                  "mentor_output".equals(e.getString("event"))
                      && e.getJsonObject("payload").getString("notes").startsWith("199x"),
              WAIT);
      // The last cycle's iteration_start follows its mentor_output: wait for it too.
      JsonObject newestEvent =
          fast.await(
              e -> "iteration_start".equals(e.getString("event")) && seq(e) > seq(last), WAIT);
      slow.resume(); // before the heartbeat gives up on it

      TreeSet<Long> all = seqs(fast.events());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!seqs(slow.texts()).contains(seq(newestEvent)) && System.nanoTime() < deadline) {
        SmileServer.sleep(50);
      }
      TreeSet<Long> slowSeqs = seqs(slow.texts());
      assertEquals(all.last() - all.first() + 1, all.size(), "the fast client got every event");
      assertEquals(seq(newestEvent), all.last());
      assertTrue(
          slowSeqs.contains(seq(newestEvent)), "the slow client still gets the newest event");
      assertTrue(
          slowSeqs.size() < all.size(),
          "the slow client must have lost events, got " + slowSeqs.size());
      List<Long> newest = all.descendingSet().stream().limit(100).toList();
      assertTrue(
          slowSeqs.containsAll(newest),
          "the newest 100 events survive; only the oldest are dropped");
      assertTrue(
          slow.texts().stream()
              .anyMatch(
                  e ->
                      "error".equals(e.getString("event"))
                          && e.getJsonObject("payload").containsKey("dropped")),
          "the slow client is told it lost events");
    }
  }

  private static TreeSet<Long> seqs(List<JsonObject> events) {
    TreeSet<Long> seqs = new TreeSet<>();
    events.stream()
        .filter(
            e ->
                LOOP_EVENTS.contains(e.getString("event"))
                    && e.containsKey("seq")
                    && !e.getJsonObject("payload").containsKey("dropped"))
        .forEach(e -> seqs.add(seq(e)));
    return seqs;
  }

  @Test
  void heartbeatClosesAClientThatNeverAnswersPingsButKeepsLiveOnes() throws Exception {
    try (RawWsClient silent = new RawWsClient(server.base().getPort());
        WsClient live = WsClient.connect(server)) {
      int code = silent.closeCode().get(60, TimeUnit.SECONDS);
      assertTrue(silent.pings() >= 3, "pinged " + silent.pings() + " times before closing");
      assertTrue(
          code == 1001 || code == 1008 || code == 1011 || code == 1000, "close code " + code);
      assertFalse(live.isClosed(), "a client that answers pings stays connected");
    }
  }

  @Test
  void sequenceNumbersIncreaseAcrossEveryEvent() {
    try (WsClient client = WsClient.connect(server)) {
      client.awaitEvent("connected", WAIT);
      startExternalLoop(3);
      cycle("a");
      server.post("api/student/result", Bodies.completed());
      client.awaitEvent("loop_complete", WAIT);
      LoopContractIT.assertSequenceIncreases(client.events());
    }
  }
}
