package io.marketgate.upstream.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.cache.ManualClock;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KalshiSignerTest {

  private static final String KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11dae589608c";
  private static final Instant NOW = Instant.ofEpochMilli(1703123456789L);

  private static KeyPair pair;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
  }

  @Test
  void message_pathWithQuery_signsTimestampMethodAndPathWithoutQuery() {
    URI uri = URI.create("https://external-api.kalshi.com/trade-api/v2/portfolio/orders?limit=5");

    assertThat(KalshiSigner.message(1703123456789L, "get", uri))
        .isEqualTo("1703123456789GET/trade-api/v2/portfolio/orders");
  }

  @Test
  void message_webSocketUri_signsWebSocketPath() {
    URI uri = URI.create("wss://external-api-ws.kalshi.com/trade-api/ws/v2");

    assertThat(KalshiSigner.message(5L, "GET", uri)).isEqualTo("5GET/trade-api/ws/v2");
  }

  @Test
  void headers_fixedClock_carryKeyTimestampAndVerifiablePssSignature() throws Exception {
    KalshiSigner signer = KalshiSigner.of(KEY_ID, pair.getPrivate(), new ManualClock(NOW));

    Map<String, String> h =
        signer.headers(
            "GET", URI.create("https://h/trade-api/v2/markets/orderbooks?tickers=A&tickers=B"));

    assertThat(h)
        .containsEntry("KALSHI-ACCESS-KEY", KEY_ID)
        .containsEntry("KALSHI-ACCESS-TIMESTAMP", "1703123456789")
        .containsKey("KALSHI-ACCESS-SIGNATURE");
    assertThat(
            verify(
                pair.getPublic(),
                "1703123456789GET/trade-api/v2/markets/orderbooks",
                h.get("KALSHI-ACCESS-SIGNATURE")))
        .isTrue();
    assertThat(
            verify(
                pair.getPublic(),
                "1703123456789GET/trade-api/v2/markets/orderbooks?tickers=A&tickers=B",
                h.get("KALSHI-ACCESS-SIGNATURE")))
        .isFalse();
  }

  @Test
  void headers_clockAdvanced_usesNewTimestamp() {
    ManualClock clock = new ManualClock(NOW);
    KalshiSigner signer = KalshiSigner.of(KEY_ID, pair.getPrivate(), clock);
    clock.advance(java.time.Duration.ofMillis(250));

    assertThat(signer.headers("GET", URI.create("https://h/trade-api/v2/markets")))
        .containsEntry("KALSHI-ACCESS-TIMESTAMP", "1703123457039");
  }

  @Test
  void fromPem_pkcs8_signsVerifiably() throws Exception {
    KalshiSigner signer = KalshiSigner.fromPem(KEY_ID, pkcs8Pem(), new ManualClock(NOW));

    Map<String, String> h = signer.headers("POST", URI.create("https://h/trade-api/v2/x"));

    assertThat(verify(pair.getPublic(), "1703123456789POST/trade-api/v2/x", h.get(sig()))).isTrue();
  }

  @Test
  void fromPem_pkcs1_signsVerifiably() throws Exception {
    KalshiSigner signer = KalshiSigner.fromPem(KEY_ID, pkcs1Pem(), new ManualClock(NOW));

    Map<String, String> h = signer.headers("GET", URI.create("https://h/trade-api/ws/v2"));

    assertThat(verify(pair.getPublic(), "1703123456789GET/trade-api/ws/v2", h.get(sig()))).isTrue();
  }

  @Test
  void fromPem_pkcs1WithCrlfAndSurroundingText_loads() {
    String pem = "key for kalshi\r\n" + pkcs1Pem().replace("\n", "\r\n") + "\r\ntrailer";

    assertThat(KalshiSigner.fromPem(KEY_ID, pem, new ManualClock(NOW))).isNotNull();
  }

  @Test
  void fromPem_publicKey_failsNamingLabelWithoutKeyMaterial() {
    String body = Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded());
    String pem = "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";

    assertThatThrownBy(() -> KalshiSigner.fromPem(KEY_ID, pem, new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported PEM block 'PUBLIC KEY'")
        .message()
        .doesNotContain(body.substring(0, 20));
  }

  @Test
  void fromPem_encryptedPkcs8_failsAsEncrypted() {
    String pem =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBAA==\n-----END ENCRYPTED PRIVATE KEY-----";

    assertThatThrownBy(() -> KalshiSigner.fromPem(KEY_ID, pem, new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encrypted");
  }

  @Test
  void fromPem_corruptBase64_failsWithoutQuotingContent() {
    String pem = "-----BEGIN PRIVATE KEY-----\nMIIE$$secretish$$\n-----END PRIVATE KEY-----";

    assertThatThrownBy(() -> KalshiSigner.fromPem(KEY_ID, pem, new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid base64")
        .message()
        .doesNotContain("secretish");
  }

  @Test
  void fromPem_truncatedDer_failsAsNotAnRsaKey() {
    String body = Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----";

    assertThatThrownBy(() -> KalshiSigner.fromPem(KEY_ID, pem, new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid RSA private key");
  }

  @Test
  void fromPem_noPemBlock_failsNamingExpectedForms() {
    assertThatThrownBy(() -> KalshiSigner.fromPem(KEY_ID, "just text", new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BEGIN RSA PRIVATE KEY")
        .hasMessageContaining("BEGIN PRIVATE KEY");
  }

  @Test
  void of_blankKeyId_fails() {
    assertThatThrownBy(() -> KalshiSigner.of(" ", pair.getPrivate(), new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key id");
  }

  @Test
  void toString_anySigner_showsNeitherKeyNorFullKeyId() {
    KalshiSigner signer = KalshiSigner.of(KEY_ID, pair.getPrivate(), new ManualClock(NOW));
    String modulus = ((RSAPrivateCrtKey) pair.getPrivate()).getModulus().toString(16);

    assertThat(signer.toString())
        .contains("a952")
        .doesNotContain(KEY_ID)
        .doesNotContain(modulus.substring(0, 16))
        .contains("2048-bit");
  }

  private static String sig() {
    return "KALSHI-ACCESS-SIGNATURE";
  }

  private static boolean verify(PublicKey key, String message, String signatureBase64)
      throws Exception {
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    s.initVerify(key);
    s.update(message.getBytes(StandardCharsets.UTF_8));
    return s.verify(Base64.getDecoder().decode(signatureBase64));
  }

  private static String pkcs8Pem() {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** PKCS#1 RSAPrivateKey built from the key's CRT parts, independent of the code under test. */
  private static String pkcs1Pem() {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (BigInteger i :
        new BigInteger[] {
          BigInteger.ZERO,
          k.getModulus(),
          k.getPublicExponent(),
          k.getPrivateExponent(),
          k.getPrimeP(),
          k.getPrimeQ(),
          k.getPrimeExponentP(),
          k.getPrimeExponentQ(),
          k.getCrtCoefficient()
        }) {
      byte[] v = i.toByteArray();
      content.write(0x02);
      derLength(content, v.length);
      content.writeBytes(v);
    }
    ByteArrayOutputStream seq = new ByteArrayOutputStream();
    seq.write(0x30);
    derLength(seq, content.size());
    seq.writeBytes(content.toByteArray());
    return pem("RSA PRIVATE KEY", seq.toByteArray());
  }

  private static void derLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length <= 0xff) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >>> 8);
      out.write(length & 0xff);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
