package io.marketgate.store;

import java.time.Duration;

/** Receives progress reports of a warm-up read, on the reading thread. */
@FunctionalInterface
public interface WarmUpProgress {

  /** Called after each chunk of events is read. */
  void report(Report report);

  /** Ignores every report. */
  static WarmUpProgress none() {
    return report -> {};
  }

  /**
   * One progress report.
   *
   * @param events events read so far
   * @param totalEvents events to read in all
   * @param rows line rows read so far
   * @param rowsPerSecond read rate so far
   * @param elapsed time since the read began
   * @param remaining estimated time left at the current rate
   */
  record Report(
      int events,
      int totalEvents,
      long rows,
      double rowsPerSecond,
      Duration elapsed,
      Duration remaining) {

    /** Whether every event has been read. */
    public boolean done() {
      return events >= totalEvents;
    }
  }
}
