package io.marketgate.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The HTTP server's meters. Thread-safe. */
final class HttpMetrics {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private final Counter notModified;
  private final Counter resyncs;
  private final Counter conflated;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.hits = cacheCounter("hit");
    this.misses = cacheCounter("miss");
    this.notModified =
        Counter.builder("marketgate.http.not.modified")
            .description("Answers 304 Not Modified to If-None-Match")
            .register(registry);
    this.resyncs =
        Counter.builder("marketgate.http.stream.resyncs")
            .description("Event-stream clients sent fresh snapshots because they could not resume")
            .register(registry);
    this.conflated =
        Counter.builder("marketgate.http.stream.conflated")
            .description("Stream updates replaced by a newer one of the same key before sending")
            .register(registry);
  }

  private Counter cacheCounter(String result) {
    return Counter.builder("marketgate.http.body.cache")
        .description("Lookups of pre-encoded response bodies")
        .tag("result", result)
        .register(registry);
  }

  /** Records one finished request of {@code route} (the pattern, or {@code unmatched}). */
  void request(String route, String method, int status, long nanos) {
    String statusClass = (status / 100) + "xx";
    String id = route + ' ' + method + ' ' + statusClass;
    Timer t =
        timers.computeIfAbsent(
            id,
            unused ->
                Timer.builder("marketgate.http.requests")
                    .description("HTTP requests by route pattern, method and status class")
                    .tag("route", route)
                    .tag("method", method)
                    .tag("status", statusClass)
                    .register(registry));
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts a lookup of the encoded-body cache. */
  void cache(EncodedBodyCache.Result result) {
    (result == EncodedBodyCache.Result.HIT ? hits : misses).increment();
  }

  /** Counts a 304. */
  void notModified() {
    notModified.increment();
  }

  /** Counts a stream resync. */
  void resync() {
    resyncs.increment();
  }

  /** Counts a conflated stream update. */
  void conflated() {
    conflated.increment();
  }

  /**
   * Counts a request for an event that is not in memory ({@code outcome} {@code requested}) and a
   * journal read made for one ({@code loaded}); several requests share one read.
   */
  void eventFallback(String outcome) {
    Counter.builder("marketgate.http.events.fallback")
        .description("Event requests answered from the journal, and the journal reads they made")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Registers the gauge of connected stream clients. */
  void streamClients(Supplier<Number> count) {
    Gauge.builder("marketgate.http.stream.clients", count)
        .description("Connected server-sent-event clients")
        .register(registry);
  }
}
