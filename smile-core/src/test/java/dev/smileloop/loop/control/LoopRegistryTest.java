package dev.smileloop.loop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.Agents;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.LoopEntry;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry with real engines: a Student that holds its attempt until the test opens its gate,
 * so the test decides when each loop ends.
 */
class LoopRegistryTest {

  @TempDir Path dir;

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<LoopEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> reported = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  @AfterEach
  void shutdown() {
    gates.values().forEach(CountDownLatch::countDown);
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private LoopRegistry registry(int concurrency) {
    return new LoopRegistry(
        sink ->
            new LoopEngine(
                executor,
                scheduler,
                Clock.systemUTC(),
                e -> {
                  events.add(e);
                  sink.accept(e);
                },
                config ->
                    new Agents(
                        task -> {
                          gates
                              .computeIfAbsent(task.tutorial().name(), n -> new CountDownLatch(1))
                              .await();
                          return StudentOutput.of(
                              StudentStatus.COMPLETED, "Step", null, null, null, "done");
                        },
                        task -> {
                          throw new AssertionError("no mentor needed");
                        }),
                loop -> {
                  reported.add(loop.tutorial().name());
                  return loop.config().outputDirPath().toString();
                },
                new LoopEngine.Settings(0, Duration.ofMillis(5))),
        dir.resolve(".smile/loops"),
        concurrency,
        Clock.systemUTC());
  }

  private LoopRequest request(String name) {
    SmileConfig d = SmileConfig.defaults(dir);
    SmileConfig config =
        new SmileConfig(
            dir,
            d.tutorial(),
            LlmProvider.BUILTIN,
            3,
            60,
            d.containerImage(),
            d.studentBehavior(),
            d.container(),
            d.stateFile(),
            d.outputDir());
    return new LoopRequest(
        new Tutorial(name, null, null, "# T\n\n## Step\n\n```bash\ntrue\n```\n"), config);
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!condition.get()) {
      assertTrue(Instant.now().isBefore(deadline), "condition not met in 10 s");
      Thread.sleep(5);
    }
  }

  private static List<String> phases(LoopRegistry registry) {
    return registry.list().stream().map(LoopEntry::phase).toList();
  }

  @Test
  void atMostConcurrencyLoopsRunAndTheRestWaitInOrder() throws Exception {
    LoopRegistry registry = registry(2);
    LoopEntry a = registry.submit(request("a"));
    LoopEntry b = registry.submit(request("b"));
    LoopEntry c = registry.submit(request("c"));
    LoopEntry d = registry.submit(request("d"));

    assertEquals(List.of("running", "running", "queued", "queued"), phases(registry));
    assertEquals(1, registry.get(c.id()).queuePosition());
    assertEquals(2, registry.get(d.id()).queuePosition());

    gates.computeIfAbsent("b", n -> new CountDownLatch(1)).countDown();
    await(() -> "finished".equals(registry.get(b.id()).phase()));
    await(() -> "running".equals(registry.get(c.id()).phase()));
    assertEquals("queued", registry.get(d.id()).phase());
    assertEquals(1, registry.get(d.id()).queuePosition());

    for (String name : List.of("a", "c", "d")) {
      gates.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown();
    }
    await(() -> phases(registry).stream().allMatch("finished"::equals));
    assertEquals(4, reported.size(), "every loop wrote its reports");
    assertEquals("completed", registry.get(a.id()).state().status().wireName());
  }

  @Test
  void eachLoopHasItsOwnEngineStateFileAndReportFolder() throws Exception {
    LoopRegistry registry = registry(2);
    LoopEntry a = registry.submit(request("a"));
    LoopEntry b = registry.submit(request("b"));

    await(() -> registry.get(a.id()).state() != null && registry.get(b.id()).state() != null);
    assertNotEquals(registry.get(a.id()).state().loopId(), registry.get(b.id()).state().loopId());
    Path folder = dir.resolve(".smile/loops").resolve(a.id()).toAbsolutePath();
    assertEquals(folder.toString(), a.folder());
    assertEquals(
        folder.resolve("state.json"),
        registry.snapshot(a.id()).orElseThrow().config().stateFilePath());
    await(() -> Files.exists(folder.resolve("state.json")));
    assertEquals(folder, registry.snapshot(a.id()).orElseThrow().config().outputDirPath());
  }

  @Test
  void aQueuedLoopCanBeTakenOutOfTheQueueAndARunningOneStopped() throws Exception {
    LoopRegistry registry = registry(1);
    LoopEntry a = registry.submit(request("a"));
    LoopEntry b = registry.submit(request("b"));
    LoopEntry c = registry.submit(request("c"));

    assertEquals("stopped", registry.stop(b.id(), "not needed").phase());
    assertEquals(1, registry.get(c.id()).queuePosition());

    registry.stop(a.id(), "enough");
    await(() -> "finished".equals(registry.get(a.id()).phase()));
    assertEquals("stopped", registry.get(a.id()).state().status().wireName());
    await(() -> "running".equals(registry.get(c.id()).phase()));
    assertEquals("stopped", registry.get(b.id()).phase(), "a stopped queued loop never runs");
    assertTrue(events.stream().noneMatch(e -> e.state().tutorial().equals("b")));
  }

  @Test
  void unknownLoopsAndStoppingAFinishedLoopAreClearErrors() throws Exception {
    LoopRegistry registry = registry(1);
    SmileException missing = assertThrows(SmileException.class, () -> registry.get("nope"));
    assertEquals(SmileException.Kind.NOT_FOUND, missing.kind());
    gates.put("a", new CountDownLatch(0));
    LoopEntry a = registry.submit(request("a"));
    await(() -> "finished".equals(registry.get(a.id()).phase()));
    SmileException late = assertThrows(SmileException.class, () -> registry.stop(a.id(), "late"));
    assertEquals(SmileException.Kind.UNAVAILABLE, late.kind());
  }

  @Test
  void concurrencyBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> registry(0));
  }
}
