package dev.smileloop.ws.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several loops on one server: every event names its loop, and {@code ?loop=ID} follows one. */
class LoopFilterTest {

  private final Jsonb jsonb = JsonbBuilder.create();

  @AfterEach
  void close() throws Exception {
    jsonb.close();
  }

  private static LoopEvent iteration(String loopId, int iteration) {
    LoopState s = Events.state(LoopStatus.RUNNING_STUDENT, iteration);
    LoopState of =
        new LoopState(
            loopId,
            s.status(),
            s.iteration(),
            s.maxIterations(),
            s.tutorial(),
            s.mentorNotes(),
            s.history(),
            s.startedAt(),
            s.updatedAt(),
            s.reason(),
            s.reports());
    return new LoopEvent.IterationStarted(iteration, Events.T0, of);
  }

  @Test
  void aClientFollowingOneLoopGetsOnlyItsEventsAndEveryEventNamesItsLoop() {
    EventHub hub =
        new EventHub(
            WsSettings.DEFAULTS,
            new EnvelopeWriter(jsonb),
            Runnable::run,
            Clock.fixed(Events.T0, ZoneOffset.UTC));
    FakeSink all = new FakeSink("all");
    FakeSink onlyB = new FakeSink("only-b");
    hub.connect(all, null);
    hub.connect(onlyB, null, "loop-b");

    hub.publish(iteration("loop-a", 1));
    hub.publish(iteration("loop-b", 1));
    hub.publish(iteration("loop-a", 2));
    hub.publish(iteration("loop-b", 2));

    List<JsonObject> everything = all.messages().subList(1, all.messages().size());
    assertEquals(
        List.of("loop-a", "loop-b", "loop-a", "loop-b"),
        everything.stream().map(m -> m.getString("loopId")).toList());
    List<JsonObject> followed = onlyB.messages();
    assertEquals("connected", followed.get(0).getString("event"));
    assertFalse(followed.get(0).containsKey("loopId"), "a message to one client names no loop");
    assertEquals(
        List.of(2L, 4L),
        followed.subList(1, followed.size()).stream()
            .map(m -> m.getJsonNumber("seq").longValue())
            .toList(),
        "its seqs show the other loop's events were skipped, not lost");
  }

  @Test
  void replayForAFollowingClientSkipsOtherLoops() {
    EventHub hub =
        new EventHub(
            WsSettings.DEFAULTS,
            new EnvelopeWriter(jsonb),
            Runnable::run,
            Clock.fixed(Events.T0, ZoneOffset.UTC));
    hub.publish(iteration("loop-a", 1));
    hub.publish(iteration("loop-b", 1));
    hub.publish(iteration("loop-a", 2));
    FakeSink late = new FakeSink("late");
    hub.connect(late, "0", "loop-a");

    assertEquals(
        List.of(1L, 3L),
        late.messages().subList(1, late.messages().size()).stream()
            .map(m -> m.getJsonNumber("seq").longValue())
            .toList());
  }
}
