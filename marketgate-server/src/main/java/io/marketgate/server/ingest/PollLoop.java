package io.marketgate.server.ingest;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Runs one task again and again on a scheduler: at once on {@link #start()}, then after a jittered
 * {@link PollPolicy} delay measured from the end of each run, and at once on {@link #runNow()}.
 * Runs never overlap. Thread-safe; the owning source closes it.
 */
final class PollLoop implements AutoCloseable {

  /*
   * Exactly one run is pending at a time: every schedule() cancels the pending future and takes a
   * new ticket. A run reschedules itself at its end only when its ticket is still the latest, so a
   * runNow() that arrived during a run is not cancelled by that run's own rescheduling (it runs
   * right after, then continues the chain). The run lock keeps two scheduler threads (a shared
   * scheduler has several) from running the task at once.
   */
  private static final System.Logger LOG = System.getLogger(PollLoop.class.getName());

  private final String name;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final PollPolicy policy;
  private final RandomGenerator random;
  private final Runnable task;
  private final ReentrantLock runLock = new ReentrantLock();

  private ScheduledFuture<?> pending;
  private long ticket;
  private boolean started;
  private boolean closed;

  PollLoop(
      String name,
      ScheduledExecutorService scheduler,
      boolean ownsScheduler,
      PollPolicy policy,
      RandomGenerator random,
      Runnable task) {
    this.name = Objects.requireNonNull(name, "name");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.ownsScheduler = ownsScheduler;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.random = Objects.requireNonNull(random, "random");
    this.task = Objects.requireNonNull(task, "task");
  }

  /** A single daemon platform thread named after the source, for a source that owns its timer. */
  static ScheduledExecutorService ownScheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("ingest-" + name).daemon().factory());
  }

  /** Schedules the first run now; later calls do nothing. */
  synchronized void start() {
    if (closed) {
      throw new IllegalStateException("source " + name + " is closed");
    }
    if (!started) {
      started = true;
      schedule(0L);
    }
  }

  /** Schedules a run now, replacing the pending one (after the current run, if one is running). */
  synchronized void runNow() {
    if (started) {
      schedule(0L);
    }
  }

  /** Whether {@link #start()} was called. */
  synchronized boolean started() {
    return started;
  }

  private synchronized void schedule(long delayNanos) {
    if (closed) {
      return;
    }
    if (pending != null) {
      pending.cancel(false);
    }
    long mine = ++ticket;
    try {
      pending = scheduler.schedule(() -> run(mine), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "source {0}: scheduler is shut down; not polling", name);
    }
  }

  private void run(long mine) {
    runLock.lock();
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "source " + name + ": poll failed unexpectedly", e);
    } finally {
      runLock.unlock();
      synchronized (this) {
        if (mine == ticket) {
          Duration next = policy.nextDelay(random);
          schedule(next.toNanos());
        }
      }
    }
  }

  /** Cancels the pending run; shuts the scheduler down when this loop owns it. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (pending != null) {
        pending.cancel(false);
      }
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }
}
