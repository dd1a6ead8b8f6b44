package io.marketgate.upstream.kalshi;

import io.marketgate.cache.Clock;
import io.marketgate.upstream.RequestSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs Kalshi requests and WebSocket handshakes: RSA-PSS (SHA-256, MGF1 SHA-256, 32-byte salt)
 * over {@code timestampMillis + METHOD + path}, sent as {@code KALSHI-ACCESS-KEY}, {@code
 * KALSHI-ACCESS-TIMESTAMP} and {@code KALSHI-ACCESS-SIGNATURE} (standard base64). Thread-safe;
 * immutable.
 */
public final class KalshiSigner implements RequestSigner {

  /*
   * The signed path is the URI's raw path, which includes the /trade-api/v2 (or /trade-api/ws/v2)
   * prefix, and excludes the query string, as the official docs say (one blog claims otherwise).
   * The timestamp comes from the injected clock's wall time, so tests pin it. A Signature object is
   * not thread-safe, so each call makes its own; that costs microseconds next to the RSA operation.
   * The key never appears in toString, logs or exceptions; the key id is shown only by its first
   * four characters.
   */
  /** Header carrying the API key id. */
  public static final String KEY_HEADER = "KALSHI-ACCESS-KEY";

  /** Header carrying the Unix time in milliseconds. */
  public static final String TIMESTAMP_HEADER = "KALSHI-ACCESS-TIMESTAMP";

  /** Header carrying the base64 RSA-PSS signature. */
  public static final String SIGNATURE_HEADER = "KALSHI-ACCESS-SIGNATURE";

  private static final PSSParameterSpec PSS =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  private final String keyId;
  private final PrivateKey key;
  private final Clock clock;

  private KalshiSigner(String keyId, PrivateKey key, Clock clock) {
    this.keyId = requireKeyId(keyId);
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!"RSA".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException(
          "Kalshi private key must be an RSA key but is " + key.getAlgorithm());
    }
    // Fail at construction, not on the first request, if the provider refuses the key.
    sign("0GET/");
  }

  /**
   * A signer for API key {@code keyId} with the RSA private {@code key}, timestamped by {@code
   * clock}.
   */
  public static KalshiSigner of(String keyId, PrivateKey key, Clock clock) {
    return new KalshiSigner(keyId, key, clock);
  }

  /**
   * A signer for API key {@code keyId} whose RSA private key is the PEM text {@code pem}, PKCS#1
   * ({@code BEGIN RSA PRIVATE KEY}) or PKCS#8 ({@code BEGIN PRIVATE KEY}).
   *
   * @throws IllegalArgumentException if the PEM is not an unencrypted RSA private key; the message
   *     never contains key material
   */
  public static KalshiSigner fromPem(String keyId, String pem, Clock clock) {
    return new KalshiSigner(keyId, PemKeys.readRsaPrivateKey(pem), clock);
  }

  /** The three authentication headers for {@code method} on {@code uri}, timestamped now. */
  @Override
  public Map<String, String> headers(String method, URI uri) {
    long timestampMillis = clock.wallTime().toEpochMilli();
    return Map.of(
        KEY_HEADER,
        keyId,
        TIMESTAMP_HEADER,
        Long.toString(timestampMillis),
        SIGNATURE_HEADER,
        sign(message(timestampMillis, method, uri)));
  }

  /** The exact text that is signed: {@code timestampMillis + METHOD + rawPath}, no query. */
  static String message(long timestampMillis, String method, URI uri) {
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    return timestampMillis + method.toUpperCase(Locale.ROOT) + path;
  }

  private String sign(String message) {
    try {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PSS);
      s.initSign(key);
      s.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Kalshi request signing failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String requireKeyId(String keyId) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("Kalshi API key id is missing or blank");
    }
    for (int i = 0; i < keyId.length(); i++) {
      char c = keyId.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException(
            "Kalshi API key id must be printable ASCII without spaces (found a bad character at"
                + " index "
                + i
                + ")");
      }
    }
    return keyId;
  }

  /** The key id shortened to its first four characters and the key size; never the key. */
  @Override
  public String toString() {
    String bits = key instanceof RSAKey rsa ? rsa.getModulus().bitLength() + "-bit " : "";
    String shownId = keyId.length() <= 4 ? "…" : keyId.substring(0, 4) + "…";
    return "KalshiSigner[keyId=" + shownId + ", " + bits + "RSA key]";
  }
}
