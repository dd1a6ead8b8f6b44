package io.marketgate.upstream.kalshi;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, as Kalshi's
 * download) or PKCS#8 ({@code BEGIN PRIVATE KEY}). Stateless and thread-safe.
 */
final class PemKeys {

  /*
   * The JDK KeyFactory reads only PKCS#8, so a PKCS#1 RSAPrivateKey is wrapped into a PKCS#8
   * PrivateKeyInfo by hand: SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET
   * STRING pkcs1 }. Error messages name the PEM label and what was wrong, never key bytes, and
   * never carry the cause's message (parsers may quote input); only the cause's class is named.
   */
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);

  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemKeys() {}

  /**
   * The RSA private key in {@code pem}.
   *
   * @throws IllegalArgumentException naming what is wrong (no PEM block, unsupported label,
   *     encrypted key, bad base64, not an RSA key); never quoting key material
   */
  static PrivateKey readRsaPrivateKey(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("Kalshi private key: the PEM text is empty");
    }
    Matcher m = BLOCK.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "Kalshi private key: no PEM block found; expected '-----BEGIN RSA PRIVATE KEY-----' or"
              + " '-----BEGIN PRIVATE KEY-----' ... '-----END ...-----'");
    }
    String label = m.group(1).strip();
    if (!label.equals(m.group(3).strip())) {
      throw new IllegalArgumentException(
          "Kalshi private key: PEM block starts with '"
              + label
              + "' but ends with '"
              + m.group(3).strip()
              + "'");
    }
    String body = m.group(2);
    if (body.contains("ENCRYPTED") || label.contains("ENCRYPTED")) {
      throw new IllegalArgumentException(
          "Kalshi private key: the PEM key is encrypted; decrypt it first (for example with"
              + " 'openssl pkey -in key.pem -out plain.pem')");
    }
    return switch (label) {
      case "RSA PRIVATE KEY" -> rsaKey(wrapPkcs1(decode(label, body)), label);
      case "PRIVATE KEY" -> rsaKey(decode(label, body), label);
      default ->
          throw new IllegalArgumentException(
              "Kalshi private key: unsupported PEM block '"
                  + label
                  + "'; expected 'RSA PRIVATE KEY' (PKCS#1) or 'PRIVATE KEY' (PKCS#8)");
    };
  }

  private static byte[] decode(String label, String body) {
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!Character.isWhitespace(c)) {
        b64.append(c);
      }
    }
    if (b64.isEmpty()) {
      throw new IllegalArgumentException(
          "Kalshi private key: the '" + label + "' PEM block has no content");
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Kalshi private key: the '" + label + "' PEM block is not valid base64");
    }
  }

  private static PrivateKey rsaKey(byte[] pkcs8, String label) {
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Kalshi private key: the '"
              + label
              + "' PEM block is not a valid RSA private key ("
              + e.getClass().getSimpleName()
              + ")");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Wraps a PKCS#1 RSAPrivateKey DER into a PKCS#8 PrivateKeyInfo DER. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream inner = new ByteArrayOutputStream(pkcs1.length + 32);
    inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
    inner.writeBytes(RSA_ALGORITHM);
    inner.write(0x04);
    writeLength(inner, pkcs1.length);
    inner.writeBytes(pkcs1);
    byte[] content = inner.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 8);
    out.write(0x30);
    writeLength(out, content.length);
    out.writeBytes(content);
    Arrays.fill(pkcs1, (byte) 0);
    Arrays.fill(content, (byte) 0);
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((length >>> (8 * i)) & 0xff);
    }
  }
}
