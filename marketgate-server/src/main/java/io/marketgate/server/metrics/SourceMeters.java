package io.marketgate.server.metrics;

import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code marketgate_source_*} series: one set per {@link Source}, tag {@code source}. */
final class SourceMeters extends LiveMeters<SourceStatus> {

  private final Supplier<? extends Collection<? extends Source>> sources;

  SourceMeters(MeterRegistry registry, Supplier<? extends Collection<? extends Source>> sources) {
    super(registry);
    this.sources = sources;
  }

  @Override
  Map<String, SourceStatus> snapshot() {
    Map<String, SourceStatus> out = new LinkedHashMap<>();
    for (Source s : sources.get()) {
      out.putIfAbsent(s.name(), s.status());
    }
    return out;
  }

  @Override
  void register(String name, SourceStatus status) {
    Tags src = Tags.of("source", name);
    gauge(
        name,
        "marketgate.source.state",
        "Source state: 0 live, 1 starting, 2 degraded, 3 down, 4 stopped.",
        "",
        src,
        s -> state(s.state()));
    gauge(
        name,
        "marketgate.source.keys",
        "Keys (markets, books, events) the source feeds now.",
        "",
        src,
        SourceStatus::keys);
    gauge(
        name,
        "marketgate.source.silent.after",
        "How long the source may go without data before it counts as degraded.",
        "seconds",
        src,
        s -> seconds(s.silentAfter()));
    counter(
        name,
        "marketgate.source.epoch.bumps",
        "Times the source's data stopped being continuous (gaps, reconnects, resyncs).",
        src,
        SourceStatus::epochBumps);
    if (status.age().isPresent()) {
      gauge(
          name,
          "marketgate.source.age",
          "Time since the source last received data.",
          "seconds",
          src,
          s -> s.age().map(SourceMeters::seconds).orElse(Double.NaN));
    }
    if (status.lastData().isPresent()) {
      gauge(
          name,
          "marketgate.source.last.data.timestamp",
          "Wall time of the source's last data, in seconds since the epoch.",
          "seconds",
          src,
          s -> s.lastData().map(t -> t.toEpochMilli() / 1e3).orElse(Double.NaN));
    }
    status
        .counters()
        .keySet()
        .forEach(
            event ->
                counter(
                    name,
                    "marketgate.source.events",
                    "Source-specific counts: messages, gaps, reconnects, malformed, polls ...",
                    src.and("event", event),
                    s -> s.counters().getOrDefault(event, 0L)));
  }

  /** The state as a number that grows with trouble. */
  static double state(SourceStatus.State state) {
    return switch (state) {
      case LIVE -> 0;
      case STARTING -> 1;
      case DEGRADED -> 2;
      case DOWN -> 3;
      case STOPPED -> 4;
    };
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
