package io.marketgate.server.config;

import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.kalshi.KalshiEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Kalshi upstream ({@code upstreams.kalshi.*}): where it is, the credential and its tier, which
 * series the markets poller lists, and which order books are kept.
 *
 * @param environment the named Kalshi environment, empty when {@code baseUrl}/{@code wsUrl} were
 *     given instead
 * @param restUrl the REST root, ending in {@code /trade-api/v2}
 * @param wsUrl the WebSocket URI, ending in {@code /trade-api/ws/v2}
 * @param tier the credential's rate tier, which sizes the budget
 * @param credentials key id and private key; empty for unsigned (public) calls
 * @param series series tickers whose markets are listed, for example {@code KXNBAGAME}
 * @param marketsInterval how often the market lists are polled
 * @param books which order books are kept and how
 */
public record KalshiConfig(
    Optional<KalshiEnvironment> environment,
    URI restUrl,
    URI wsUrl,
    BudgetConfig.KalshiTier tier,
    Optional<Credentials> credentials,
    List<String> series,
    Duration marketsInterval,
    Books books) {

  /** Validates the parts and copies the series. */
  public KalshiConfig {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(restUrl, "restUrl");
    Objects.requireNonNull(wsUrl, "wsUrl");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(marketsInterval, "marketsInterval");
    Objects.requireNonNull(books, "books");
    series = List.copyOf(series);
  }

  /** The budget of this credential: Kalshi's documented read bucket for {@link #tier()}. */
  public BudgetConfig budget() {
    return BudgetConfig.kalshi(tier);
  }

  /**
   * A Kalshi API key.
   *
   * @param keyId the key id (not secret; sent with every signed request)
   * @param privateKeyPem the RSA private key in PEM (PKCS#1 or PKCS#8), checked at load
   */
  public record Credentials(String keyId, Secret privateKeyPem) {

    /** Validates the parts. */
    public Credentials {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }
  }

  /**
   * Which order books are kept ({@code upstreams.kalshi.books.*}).
   *
   * @param alwaysOnSeries series whose every listed market's book is kept at all times
   * @param alwaysOnTickers market tickers whose books are kept at all times
   * @param demandWindow how long another book stays kept after a consumer last asked for it
   * @param websocket whether books stream over the WebSocket; off means REST polling only
   * @param restFallbackInterval how often books are polled over REST while the stream is off or
   *     down
   */
  public record Books(
      List<String> alwaysOnSeries,
      List<String> alwaysOnTickers,
      Duration demandWindow,
      boolean websocket,
      Duration restFallbackInterval) {

    /** Validates the parts and copies the lists. */
    public Books {
      alwaysOnSeries = List.copyOf(alwaysOnSeries);
      alwaysOnTickers = List.copyOf(alwaysOnTickers);
      Objects.requireNonNull(demandWindow, "demandWindow");
      Objects.requireNonNull(restFallbackInterval, "restFallbackInterval");
    }
  }
}
