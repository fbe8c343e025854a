package dev.smileloop.ws.control;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs many small tasks on at most {@code workers} tasks of another executor.
 *
 * <p>Why: one event for 1,000 clients means up to 1,000 short delivery tasks. Here they go to a
 * lock-free queue, and only when fewer than {@code workers} workers run is a new worker submitted
 * to the target; each worker runs queued tasks until the queue is empty. So a burst costs the
 * thread that fires it an append per client, not a task handed to a pool per client, and more than
 * one worker keeps one slow task from holding up the rest.
 */
public final class BatchingExecutor implements Executor {

  private static final Logger LOG = Logger.getLogger(BatchingExecutor.class.getName());

  private final Executor target;
  private final int workers;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger running = new AtomicInteger();

  public BatchingExecutor(Executor target, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.target = target;
    this.workers = workers;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (tryStartWorker()) {
      try {
        target.execute(this::work);
      } catch (RejectedExecutionException e) {
        running.decrementAndGet();
        tasks.remove(task);
        throw e;
      }
    }
  }

  /** Workers now running; for tests and monitoring. */
  public int running() {
    return running.get();
  }

  private boolean tryStartWorker() {
    while (true) {
      int now = running.get();
      if (now >= workers) {
        return false;
      }
      if (running.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private void work() {
    while (true) {
      Runnable task = tasks.poll();
      if (task == null) {
        running.decrementAndGet();
        // A task added after the poll by a caller that saw all workers busy would be stranded:
        // take it on if there is room.
        if (tasks.isEmpty() || !tryStartWorker()) {
          return;
        }
        continue;
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "delivery task failed", e);
      }
    }
  }
}
