package io.marketgate.it;

import io.marketgate.cache.Clock;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * One RSA key pair shared by the Kalshi ITs: the simulator verifies with its public half, our
 * {@link KalshiSigner} signs with its private half, so every call also proves that signing agrees.
 * Thread-safe; the key is made once per JVM.
 */
final class KalshiAccess {

  /** The slate date every IT uses, so tickers are stable across runs. */
  static final LocalDate SLATE_DATE = LocalDate.of(2026, 1, 9);

  private static final String KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";
  private static final KeyPair PAIR = generate();

  private KalshiAccess() {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an RSA key pair", e);
    }
  }

  /**
   * A simulator on port 0 that verifies our signatures, with the slate date fixed and {@code
   * configure} applied on top.
   */
  static VenueSimulator simulator(Consumer<SimConfig.Builder> configure) {
    return VenueSimulator.start(
        c -> {
          c.slateDate(SLATE_DATE).kalshiPublicKey(PAIR.getPublic());
          configure.accept(c);
        });
  }

  /** Our signer for the shared key. */
  static KalshiSigner signer() {
    return KalshiSigner.of(KEY_ID, PAIR.getPrivate(), Clock.system());
  }

  /** A signed Kalshi client of {@code sim} going through {@code budget}. */
  static UpstreamClient client(VenueSimulator sim, Budget budget) {
    return UpstreamClient.builder("kalshi", sim.kalshiBaseUri())
        .budget(budget)
        .signer(signer())
        .build();
  }
}
