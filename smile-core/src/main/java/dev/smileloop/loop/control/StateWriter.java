package dev.smileloop.loop.control;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Persists a loop's state off the caller's thread. Every transition hands over its snapshot; one
 * background task writes the newest one (atomically, through the {@link StateStore}), so a burst of
 * transitions costs one write and neither the loop nor a REST handler waits for the disk or for
 * serialising a long history. Writes are at least {@link #MIN_GAP_MILLIS} apart: a loop driven by
 * fast external agents changes state hundreds of times a second, and each write serialises the
 * whole history (profiled: the largest cost of such a loop). A crash loses at most that much of the
 * newest progress; resuming then repeats the last iteration. {@link #finish} waits for the write in
 * flight, writes the final state (or removes the file) and releases the lock.
 */
final class StateWriter {

  private static final Logger LOG = Logger.getLogger(StateWriter.class.getName());

  static final long MIN_GAP_MILLIS = 50;

  private final StateStore store;
  private final Executor executor;
  private PersistedLoop pending;
  private boolean writing;
  private boolean finished;

  StateWriter(StateStore store, Executor executor) {
    this.store = store;
    this.executor = executor;
  }

  synchronized void submit(PersistedLoop snapshot) {
    if (finished) {
      return;
    }
    pending = snapshot;
    if (!writing) {
      writing = true;
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        writing = false;
        write(snapshot); // the executor is shutting down: write here rather than lose the state
        pending = null;
      }
    }
  }

  private void drain() {
    while (true) {
      PersistedLoop next;
      synchronized (this) {
        next = pending;
        pending = null;
        if (next == null || finished) {
          writing = false;
          notifyAll();
          return;
        }
      }
      write(next);
      pause();
    }
  }

  /** Lets further snapshots gather before the next write; {@link #finish} cuts it short. */
  private synchronized void pause() {
    long until = System.nanoTime() + MIN_GAP_MILLIS * 1_000_000;
    long left;
    while (!finished && (left = until - System.nanoTime()) > 0) {
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void write(PersistedLoop snapshot) {
    try {
      store.save(snapshot.toJson());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not persist the loop state to " + store.stateFile(), e);
    }
  }

  /** Writes {@code last} as the final state, or removes the state file when it is null. */
  void finish(PersistedLoop last) {
    boolean interrupted = false;
    synchronized (this) {
      finished = true;
      pending = null;
      notifyAll(); // ends a pause between writes
      while (writing) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // finish anyway: the lock must be released
        }
      }
    }
    try {
      if (last == null) {
        store.delete();
      } else {
        write(last);
      }
    } finally {
      store.close();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
