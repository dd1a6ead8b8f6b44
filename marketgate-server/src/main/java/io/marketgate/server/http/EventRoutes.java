package io.marketgate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.CachedResource;
import io.marketgate.cache.Clock;
import io.marketgate.cache.Freshness;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.cache.ResourceUnavailableException;
import io.marketgate.cache.Served;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.EventKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.events.EventFallback;
import io.marketgate.server.events.EventsView;
import io.marketgate.server.ingest.MarketData;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The events API: {@code GET /v1/events} (upcoming events with every bookmaker's latest lines,
 * consensus and fair probabilities) and {@code GET /v1/events/{id}} (one event with line history,
 * answered from the journal through an {@link EventFallback} when it is not in memory). Handlers
 * run on the IO thread; encodings and fallback loads run on the worker executor.
 */
final class EventRoutes {

  /*
   * Both routes answer through ApiRoutes' body cache, so they share its ETag, 304, gzip and
   * freshness-header handling. The list's ETag is the event store's version: any publish, stale
   * mark or removal makes a new one; a body is a pure function of that version and the normalized
   * query, so the default window is "every event in memory" (eviction by start time keeps that to
   * upcoming and just-started events) rather than "from now", which would change without a version.
   *
   * An id that is not in memory goes to the fallback through a CachedResource: Caffeine coalesces
   * concurrent misses of one id into one load on the worker executor, an event found is kept for
   * FALLBACK_TTL, and "not found" is an Optional.empty() value kept just as long (negative caching),
   * so a burst of requests for an unknown id costs the journal one query. A loader failure is
   * remembered for FALLBACK_FAILURE_TTL and answered 503.
   */

  /** How long an event read from the journal (or its absence) is reused. */
  static final Duration FALLBACK_TTL = Duration.ofSeconds(5);

  /** How long a failed journal read is remembered before the next request tries again. */
  static final Duration FALLBACK_FAILURE_TTL = Duration.ofSeconds(1);

  /** Most bookmakers one {@code bookmaker} filter may list. */
  static final int MAX_BOOKMAKERS = 50;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern LEAGUE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final Pattern BOOKMAKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Comparator<Snapshot<OddsEvent>> BY_START =
      Comparator.comparing((Snapshot<OddsEvent> s) -> s.value().start())
          .thenComparing(s -> s.value().key());

  private final ApiRoutes api;
  private final KeyedSnapshotStore<EventKey, OddsEvent> events;
  private final EventsView view;
  private final CachedResource<EventKey, Optional<OddsEvent>> fallback;
  private final HttpMetrics metrics;
  private final Executor worker;
  private final String instance;
  private final Clock clock;

  EventRoutes(
      ApiRoutes api,
      MarketData data,
      EventsView view,
      EventFallback fallback,
      HttpMetrics metrics,
      Executor worker,
      String instance) {
    this.api = api;
    this.metrics = metrics;
    this.events = data.oddsEvents();
    this.view = view;
    this.worker = worker;
    this.instance = instance;
    this.clock = data.clock();
    this.fallback =
        CachedResource.<EventKey, Optional<OddsEvent>>builder(
                "events.fallback",
                key -> {
                  metrics.eventFallback("loaded");
                  return fallback.load(key);
                })
            .policy(ResourcePolicy.of(FALLBACK_TTL).withNegativeTtl(FALLBACK_FAILURE_TTL))
            .clock(clock)
            .executor(worker)
            .maximumSize(10_000)
            .build();
  }

  /** Adds the routes to {@code router}. */
  void register(Router router) {
    router
        .add(
            "GET",
            "/v1/events",
            Router.Access.READ,
            Set.of("league", "from", "to", "bookmaker", "max_age_ms"),
            this::list)
        .add("GET", "/v1/events/{id}", Router.Access.READ, Set.of("max_age_ms"), this::event);
  }

  // ---------------------------------------------------------------- list

  private void list(Call call) {
    Optional<String> league = league(call);
    Optional<Instant> from = time(call, "from", false);
    Optional<Instant> to = time(call, "to", true);
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw ApiError.badParameter(
          "from", "from (" + from.get() + ") must not be after to (" + to.get() + ")");
    }
    Set<String> books = bookmakers(call);
    long version = events.version();
    String key =
        "events?"
            + league.orElse("")
            + '&'
            + from.map(Instant::toString).orElse("")
            + '&'
            + to.map(Instant::toString).orElse("")
            + '&'
            + String.join(",", books);
    String etag = instance + "-e" + version;
    api.serve(call, key, etag, () -> encodeList(league, from, to, books, etag, version), worker);
  }

  private EncodedBody encodeList(
      Optional<String> league,
      Optional<Instant> from,
      Optional<Instant> to,
      Set<String> books,
      String etag,
      long version) {
    List<Snapshot<OddsEvent>> chosen = new ArrayList<>();
    for (EventKey k : events.keys()) {
      Optional<Snapshot<OddsEvent>> s = events.latest(k);
      if (s.isEmpty()) {
        continue;
      }
      OddsEvent e = s.get().value();
      if (league.isPresent() && !e.league().equals(league.get())
          || from.isPresent() && e.start().isBefore(from.get())
          || to.isPresent() && !e.start().isBefore(to.get())
          || !EventsView.pricedBy(e, books)) {
        continue;
      }
      chosen.add(s.get());
    }
    chosen.sort(BY_START);
    ApiRoutes.Aggregate agg = api.aggregate(version);
    ArrayNode items = NODES.arrayNode();
    for (Snapshot<OddsEvent> s : chosen) {
      ObjectNode n = view.summary(s.value(), s.provenance(), s.wallTime(), books);
      items.add(ApiRoutes.withVersion(n, s));
      agg.add(s, "odds", s.value().key().venue());
    }
    ObjectNode doc = NODES.objectNode();
    doc.set("events", items);
    doc.put("count", items.size());
    doc.put("devig", view.method().name().toLowerCase(java.util.Locale.ROOT));
    return EncodedBody.of(Responses.bytes(doc), etag, agg.version());
  }

  // ---------------------------------------------------------------- one event

  private void event(Call call) {
    EventKey key = eventKey(call.path("id"));
    OptionalLong maxAge = call.maxAgeMillis();
    Optional<SnapshotStore<OddsEvent>> store = events.find(key);
    Optional<Snapshot<OddsEvent>> latest = store.flatMap(SnapshotStore::latest);
    if (latest.isPresent()) {
      Snapshot<OddsEvent> s = latest.get();
      String etag = api.snapshotTag(s);
      api.serve(
          call,
          "event|" + key,
          etag,
          () -> {
            List<Snapshot<OddsEvent>> history =
                store.get().history().stream().filter(h -> h.seq() <= s.seq()).toList();
            ObjectNode doc = view.detail(s.value(), s.provenance(), s.wallTime(), history);
            ApiRoutes.withVersion(doc, s);
            ApiRoutes.Aggregate agg = api.aggregate(s.seq());
            agg.add(s, "odds", key.venue());
            return EncodedBody.of(Responses.bytes(doc), etag, agg.version());
          },
          worker);
      return;
    }
    metrics.eventFallback("requested");
    CompletableFuture<EncodedBody> body =
        fallback
            .getAsync(key)
            .handle(
                (served, failure) -> {
                  if (failure != null) {
                    throw unavailable(key, failure);
                  }
                  return served;
                })
            .thenCompose(served -> fromJournal(key, served));
    api.serve(call, body, maxAge);
  }

  private CompletableFuture<EncodedBody> fromJournal(
      EventKey key, Served<Optional<OddsEvent>> served) {
    if (served.value().isEmpty()) {
      throw ApiError.notFound("no event " + key + " is known");
    }
    OddsEvent e = served.value().get();
    Freshness f = served.freshness();
    String etag = instance + "-db" + f.seq() + '.' + f.epoch();
    return api.body(
        "event-db|" + key,
        etag,
        () -> {
          ObjectNode doc = view.detail(e, Provenance.DB, f.asOf(), List.of());
          doc.put("seq", f.seq());
          doc.put("epoch", f.epoch());
          doc.put("source", Provenance.DB.label());
          doc.put("as_of", f.asOf().toString());
          EncodedBody.Version v =
              new EncodedBody.Version(
                  f.seq(),
                  f.epoch(),
                  Provenance.DB,
                  OptionalLong.of(clock.nanoTime() - f.age().toNanos()),
                  Duration.ZERO);
          return EncodedBody.of(Responses.bytes(doc), etag, v);
        },
        worker);
  }

  private static ApiError unavailable(EventKey key, Throwable failure) {
    Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
    if (cause instanceof ApiError a) {
      return a;
    }
    String why =
        cause instanceof ResourceUnavailableException
            ? "the journal could not be read"
            : "the journal read failed";
    return new ApiError(503, "unavailable", "event " + key + " is not in memory and " + why);
  }

  // ---------------------------------------------------------------- parameters

  /** The {@code {id}} path parameter as an event key, or a 400 naming {@code id}. */
  static EventKey eventKey(String id) {
    try {
      return EventKey.parse(id);
    } catch (ModelException e) {
      throw ApiError.badParameter(
          "id",
          "id must be an event id such as odds_api:0a1b2c3d (venue:id, as GET /v1/events lists"
              + " them): "
              + e.getMessage());
    }
  }

  private static Optional<String> league(Call call) {
    Optional<String> v = call.query("league");
    if (v.isPresent() && !LEAGUE.matcher(v.get()).matches()) {
      throw ApiError.badParameter(
          "league",
          "league must be a lower-case league id such as nba (letters, digits, '_', '-'), was \""
              + Call.shorten(v.get())
              + "\"");
    }
    return v;
  }

  /** The {@code bookmaker} filter: comma-separated ids, sorted and distinct; empty for all. */
  static Set<String> bookmakers(Call call) {
    Optional<String> v = call.query("bookmaker");
    if (v.isEmpty()) {
      return Set.of();
    }
    String[] parts = v.get().split(",", -1);
    if (parts.length > MAX_BOOKMAKERS) {
      throw ApiError.badParameter(
          "bookmaker", "bookmaker lists at most " + MAX_BOOKMAKERS + " ids, got " + parts.length);
    }
    TreeSet<String> out = new TreeSet<>();
    for (String p : parts) {
      if (!BOOKMAKER.matcher(p).matches()) {
        throw ApiError.badParameter(
            "bookmaker",
            "bookmaker must be comma-separated bookmaker ids such as draftkings,fanduel (letters,"
                + " digits, '_', '.', '-'), got \""
                + Call.shorten(p)
                + "\"");
      }
      out.add(p);
    }
    return out;
  }

  /**
   * An instant query parameter: ISO-8601 with an offset ({@code 2026-01-10T00:00:00Z}) or a date
   * ({@code 2026-01-10}, UTC: its start, or for an {@code end} bound the start of the next day).
   */
  static Optional<Instant> time(Call call, String name, boolean end) {
    Optional<String> v = call.query(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String text = v.get();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      throw ApiError.badParameter(
          name,
          name
              + " must be an ISO-8601 instant such as 2026-01-10T00:00:00Z or a date such as"
              + " 2026-01-10, was \""
              + Call.shorten(text)
              + "\"");
    }
  }
}
