package dev.smileloop.ws.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingExecutorTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(8);
  private final AtomicInteger submitted = new AtomicInteger();

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  private BatchingExecutor batching(int workers) {
    return new BatchingExecutor(
        task -> {
          submitted.incrementAndGet();
          pool.execute(task);
        },
        workers);
  }

  @Test
  void manyTasksCostOnlyAFewSubmissionsToTheManagedExecutor() throws Exception {
    BatchingExecutor executor = batching(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1000);
    for (int i = 0; i < 1000; i++) {
      executor.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            done.countDown();
          });
    }
    assertEquals(2, submitted.get(), "one submission per worker, not per task");
    release.countDown();
    assertTrue(done.await(10, TimeUnit.SECONDS));
  }

  @Test
  void neverRunsMoreTasksAtOnceThanItHasWorkers() throws Exception {
    BatchingExecutor executor = batching(3);
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(300);
    for (int i = 0; i < 300; i++) {
      executor.execute(
          () -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            now.decrementAndGet();
            done.countDown();
          });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(most.get() <= 3, "ran " + most.get() + " at once");
  }

  @Test
  void noTaskIsStrandedWhenWorkersFinishWhileOthersSubmit() throws Exception {
    BatchingExecutor executor = batching(1);
    int producers = 4;
    int each = 20_000;
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch submittedAll = new CountDownLatch(producers);
    ExecutorService producing = Executors.newFixedThreadPool(producers);
    try {
      for (int p = 0; p < producers; p++) {
        producing.execute(
            () -> {
              for (int i = 0; i < each; i++) {
                executor.execute(ran::incrementAndGet);
              }
              submittedAll.countDown();
            });
      }
      assertTrue(submittedAll.await(10, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ran.get() < producers * each && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(producers * each, ran.get());
    } finally {
      producing.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheOthers() throws Exception {
    BatchingExecutor executor = batching(1);
    CountDownLatch done = new CountDownLatch(1);
    executor.execute(
        () -> {
          throw new IllegalStateException("boom");
        });
    executor.execute(done::countDown);
    assertTrue(done.await(10, TimeUnit.SECONDS));
  }
}
