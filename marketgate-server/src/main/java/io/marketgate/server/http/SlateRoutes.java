package io.marketgate.server.http;

import io.marketgate.cache.Clock;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.server.slate.Slate;
import io.marketgate.server.slate.SlateJson;
import io.marketgate.server.slate.SlateUnavailableException;
import io.marketgate.server.slate.SlateView;
import io.marketgate.upstream.kalshi.NbaTicker;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code GET /v1/slate}: the NBA slate board of a US/Eastern date, encoded once per published
 * slate. A published slate is answered on the IO thread; a date not built yet (or {@code
 * refresh=true}, admin only) is built on the worker executor.
 */
final class SlateRoutes {

  private final SlateView view;
  private final ApiRoutes api;
  private final Consumer<HttpServerExchange> requireAdmin;
  private final Executor worker;
  private final String instance;
  private final Clock clock;

  SlateRoutes(
      SlateView view,
      ApiRoutes api,
      Consumer<HttpServerExchange> requireAdmin,
      Executor worker,
      String instance,
      Clock clock) {
    this.view = view;
    this.api = api;
    this.requireAdmin = requireAdmin;
    this.worker = worker;
    this.instance = instance;
    this.clock = clock;
  }

  /** Adds the routes to {@code router}. */
  void register(Router router) {
    router.add(
        "GET",
        "/v1/slate",
        Router.Access.READ,
        Set.of("league", "date", "refresh", "max_age_ms"),
        this::slate);
  }

  private void slate(Call call) {
    String league = call.query("league").orElse(SlateView.LEAGUE).toLowerCase(Locale.ROOT);
    if (league.isEmpty()) {
      throw ApiError.badParameter("league", "league must not be empty");
    }
    if (!league.equals(SlateView.LEAGUE)) {
      throw new ApiError(
          404,
          "unknown_league",
          "league \"" + Call.shorten(league) + "\" has no slate; the slate serves nba",
          Map.of("parameter", "league"));
    }
    LocalDate date =
        call.query("date")
            .map(SlateRoutes::date)
            .orElseGet(() -> NbaTicker.easternDate(clock.wallTime()));
    LocalDate today = NbaTicker.easternDate(clock.wallTime());
    if (Math.abs(java.time.temporal.ChronoUnit.DAYS.between(today, date))
        > SlateView.MAX_DAYS_AWAY) {
      throw ApiError.badParameter(
          "date",
          "date must be within "
              + SlateView.MAX_DAYS_AWAY
              + " days of today ("
              + today
              + " US/Eastern), was "
              + date);
    }
    boolean refresh = call.query("refresh").map(SlateRoutes::bool).orElse(false);
    call.maxAgeMillis();
    if (refresh) {
      requireAdmin.accept(call.exchange);
    }
    Optional<Snapshot<Slate>> published = refresh ? Optional.empty() : view.published(date);
    if (published.isPresent()) {
      answer(call, published.get(), worker);
      return;
    }
    call.exchange.dispatch(
        worker,
        () -> {
          try {
            Snapshot<Slate> s = refresh ? view.build(date, true) : view.current(date);
            answer(call, s, Runnable::run);
          } catch (SlateUnavailableException e) {
            GatewayHttpServer.fail(
                call.exchange, new ApiError(503, "slate_unavailable", e.getMessage()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            GatewayHttpServer.fail(
                call.exchange, new ApiError(503, "unavailable", "the server is shutting down"));
          } catch (RuntimeException e) {
            GatewayHttpServer.fail(call.exchange, e);
          }
        });
  }

  private void answer(Call call, Snapshot<Slate> s, Executor encodeOn) {
    String etag = instance + "-slate-" + s.seq() + '.' + s.epoch();
    api.serve(
        call,
        "slate?" + s.value().league() + '&' + s.value().date(),
        etag,
        () -> EncodedBody.of(Responses.bytes(SlateJson.encode(s.value())), etag, version(s)),
        encodeOn);
  }

  /** The body's version: the slate's seq, its inputs' worst provenance and oldest age. */
  private static EncodedBody.Version version(Snapshot<Slate> s) {
    Slate.Freshness f = s.value().freshness();
    Provenance worst = Provenance.LIVE;
    for (String source : new String[] {f.odds().source(), f.manifest().source()}) {
      if (source.equals("stale") || source.equals("missing")) {
        worst = Provenance.STALE;
      } else if (source.equals("warm") && worst == Provenance.LIVE) {
        worst = Provenance.WARM;
      }
    }
    long oldestMs =
        Math.max(f.odds().ageMs(), Math.max(f.manifest().ageMs(), f.books().maxAgeMs()));
    return new EncodedBody.Version(
        s.seq(),
        s.epoch(),
        worst,
        OptionalLong.of(s.publishNanos() - oldestMs * 1_000_000L),
        Duration.ZERO);
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiError.badParameter(
          "date", "date must be a date YYYY-MM-DD, was \"" + Call.shorten(text) + "\"");
    }
  }

  private static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw ApiError.badParameter(
              "refresh", "refresh must be true or false, was \"" + Call.shorten(text) + "\"");
    };
  }
}
