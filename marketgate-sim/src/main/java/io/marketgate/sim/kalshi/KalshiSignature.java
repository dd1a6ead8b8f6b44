package io.marketgate.sim.kalshi;

import io.marketgate.sim.http.SimRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies Kalshi request signatures: RSA-PSS with SHA-256, MGF1(SHA-256) and a 32-byte salt over
 * {@code timestamp_ms + METHOD + path} (the path without the query string). Thread-safe.
 */
final class KalshiSignature {

  private final Optional<PublicKey> key;

  KalshiSignature(Optional<PublicKey> key) {
    this.key = key;
  }

  /** Why {@code request} fails verification, or empty if it passes (or no key is configured). */
  Optional<String> check(SimRequest request) {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> id = request.header("KALSHI-ACCESS-KEY");
    Optional<String> ts = request.header("KALSHI-ACCESS-TIMESTAMP");
    Optional<String> sig = request.header("KALSHI-ACCESS-SIGNATURE");
    if (id.isEmpty() || ts.isEmpty() || sig.isEmpty()) {
      return Optional.of("missing KALSHI-ACCESS-KEY, -TIMESTAMP or -SIGNATURE header");
    }
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      s.initVerify(key.get());
      s.update((ts.get() + request.method() + request.path()).getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(sig.get()))
          ? Optional.empty()
          : Optional.of("signature does not verify");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("signature does not verify: " + e.getMessage());
    }
  }
}
