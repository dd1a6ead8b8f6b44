package io.marketgate.server.ingest;

/**
 * One ingest source: a poller or a stream that owns the calls to one upstream resource and
 * publishes into {@link MarketData}. Started and closed by the gateway; thread-safe.
 */
public interface Source extends AutoCloseable {

  /** The source's name, unique in a gateway, for example {@code kalshi.markets}. */
  String name();

  /** Starts polling or streaming; returns at once. */
  void start();

  /** What the source is doing now. */
  SourceStatus status();

  /** Refreshes now, past its policy (admin); returns at once. */
  void refreshNow();

  /** Stops the source and releases its threads and connections. */
  @Override
  void close();
}
