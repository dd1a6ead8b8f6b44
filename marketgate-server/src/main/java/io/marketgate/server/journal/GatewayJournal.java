package io.marketgate.server.journal;

import io.marketgate.cache.Clock;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.EventKey;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.config.Secret;
import io.marketgate.server.config.StorageConfig;
import io.marketgate.server.events.EventFallback;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.Source;
import io.marketgate.store.BookTop;
import io.marketgate.store.JournalSettings;
import io.marketgate.store.JournalStatus;
import io.marketgate.store.MarketState;
import io.marketgate.store.Pruned;
import io.marketgate.store.SqlJournal;
import io.marketgate.store.StoreException;
import io.marketgate.store.WarmUpProgress;
import io.marketgate.store.WriteBehindJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's SQL journal: migrates the database, warms the odds store up from it, journals every
 * live change of odds, markets and book tops behind the cache, answers fallback reads and applies
 * retention. Built and closed by the gateway; thread-safe.
 *
 * <p>Start order: {@link #start} migrates and warms up before it returns, so the caller starts the
 * HTTP server (and reports ready) only with warm data in memory. {@link #close} detaches the
 * listeners, flushes the queue and closes the pool.
 */
public final class GatewayJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayJournal.class);

  /** Events from which on the warm-up logs every progress report, not only the summary. */
  static final int LOUD_WARM_UP = 1_000;

  /** How often finished warm events are evicted and retention applied. */
  static final Duration MAINTENANCE_EVERY = Duration.ofMinutes(10);

  private final StorageConfig config;
  private final MarketData data;
  private final Clock clock;
  private final SqlJournal sql;
  private final WriteBehindJournal writeBehind;
  private final JournalSource source;
  private final JournalEventFallback fallback;
  private final ScheduledExecutorService maintenance;
  private final Map<MarketKey, Long> lastTopNanos = new ConcurrentHashMap<>();
  private final BiConsumer<EventKey, Snapshot<OddsEvent>> oddsListener = this::onOdds;
  private final BiConsumer<MarketKey, Snapshot<Market>> marketListener = this::onMarket;
  private final BiConsumer<MarketKey, Snapshot<BinaryBook>> bookListener = this::onBook;
  private final int warmed;

  private GatewayJournal(
      StorageConfig config, MarketData data, Clock clock, SqlJournal sql, List<OddsEvent> warm) {
    this.config = config;
    this.data = data;
    this.clock = clock;
    this.sql = sql;
    this.warmed = warm.size();
    this.writeBehind =
        WriteBehindJournal.builder(sql.writer())
            .queueCapacity(config.queueCapacity())
            .batchSize(config.batchSize())
            .clock(clock::wallTime)
            .alreadyWritten(warm)
            .start();
    this.source = new JournalSource(writeBehind, clock);
    this.fallback = new JournalEventFallback(sql.odds());
    this.maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "journal-maintenance");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens and migrates the journal of {@code config}, loads the latest lines of events that started
   * within the warm-up window into {@code data} labelled {@link Provenance#WARM}, then journals
   * every live change of {@code data}.
   *
   * @throws StoreException if the database cannot be opened, migrated or read
   */
  public static GatewayJournal start(StorageConfig config, MarketData data, Clock clock) {
    SqlJournal sql = SqlJournal.open(settings(config));
    try {
      int migrations = sql.migrate();
      if (migrations > 0) {
        LOG.info("journal ({}): applied {} migrations", sql.database(), migrations);
      }
      List<OddsEvent> warm = warmUp(sql, config, data, clock);
      GatewayJournal journal = new GatewayJournal(config, data, clock, sql, warm);
      journal.attach();
      return journal;
    } catch (RuntimeException e) {
      sql.close();
      throw e;
    }
  }

  /** The connection settings of {@code config}. */
  public static JournalSettings settings(StorageConfig config) {
    return new JournalSettings(
        config.url(), config.user(), config.password().map(Secret::reveal), config.poolSize());
  }

  private static List<OddsEvent> warmUp(
      SqlJournal sql, StorageConfig config, MarketData data, Clock clock) {
    Instant from = clock.wallTime().minus(config.warmUpWindow());
    List<OddsEvent> events =
        sql.odds()
            .latestEvents(
                from,
                r -> {
                  if (r.totalEvents() >= LOUD_WARM_UP && !r.done()) {
                    LOG.info("journal warm-up: {}", describe(r));
                  }
                });
    long lines = 0;
    for (OddsEvent e : events) {
      data.oddsEvents().store(e.key()).publishDiscontinuous(e, Provenance.WARM);
      lines += e.lines().size();
    }
    LOG.info(
        "journal warm-up ({}): {} events starting after {}, {} lines loaded",
        sql.database(),
        events.size(),
        from,
        lines);
    return events;
  }

  private static String describe(WarmUpProgress.Report r) {
    return String.format(
        Locale.ROOT,
        "%d/%d events, %,d rows, %,.0f rows/s, ETA %.1fs",
        r.events(),
        r.totalEvents(),
        r.rows(),
        r.rowsPerSecond(),
        r.remaining().toMillis() / 1000.0);
  }

  private void attach() {
    data.oddsEvents().addListener(oddsListener);
    data.markets().addListener(marketListener);
    data.books().addListener(bookListener);
    long every = MAINTENANCE_EVERY.toMillis();
    maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
  }

  private void onOdds(EventKey key, Snapshot<OddsEvent> s) {
    if (s.provenance() == Provenance.LIVE) {
      writeBehind.append(s.value(), s.wallTime(), s.seq());
    }
  }

  private void onMarket(MarketKey key, Snapshot<Market> s) {
    if (s.provenance() == Provenance.LIVE) {
      writeBehind.append(MarketState.of(s.value(), s.wallTime(), s.seq()));
    }
  }

  private void onBook(MarketKey key, Snapshot<BinaryBook> s) {
    if (s.provenance() != Provenance.LIVE) {
      return;
    }
    long now = clock.nanoTime();
    Long last = lastTopNanos.get(key);
    if (last != null && now - last < config.bookTopInterval().toNanos()) {
      return;
    }
    lastTopNanos.put(key, now);
    writeBehind.append(BookTop.of(key, s.value(), s.wallTime(), s.seq()));
  }

  /** Evicts warm events that have finished and applies retention; runs on its own thread. */
  void maintain() {
    Instant now = clock.wallTime();
    Instant finished = now.minus(config.warmUpWindow());
    int evicted =
        data.oddsEvents()
            .removeIf(
                (k, s) ->
                    s.isPresent()
                        && s.get().provenance() == Provenance.WARM
                        && s.get().value().start().isBefore(finished));
    lastTopNanos.keySet().removeIf(k -> data.books().find(k).isEmpty());
    writeBehind.forget(finished.minus(Duration.ofDays(1)));
    try {
      Pruned pruned = sql.prune(now.minus(config.retention()));
      if (pruned.total() > 0 || evicted > 0) {
        LOG.info(
            "journal maintenance: evicted {} finished warm events, pruned {}", evicted, pruned);
      }
    } catch (StoreException e) {
      LOG.warn("journal retention failed: {}", e.getMessage());
    }
  }

  /** The journal as a health-checked entry of {@code /health} and {@code /v1/sources}. */
  public Source source() {
    return source;
  }

  /** Reads events that are not in memory from the journal. */
  public EventFallback fallback() {
    return fallback;
  }

  /** What the write-behind queue is doing now. */
  public JournalStatus status() {
    return writeBehind.status();
  }

  /** How many events the warm-up loaded. */
  public int warmed() {
    return warmed;
  }

  /** Stops journaling: detaches the listeners, flushes the queue, closes the pool. */
  @Override
  public void close() {
    data.oddsEvents().removeListener(oddsListener);
    data.markets().removeListener(marketListener);
    data.books().removeListener(bookListener);
    maintenance.shutdownNow();
    source.close();
    writeBehind.close();
    sql.close();
  }
}
