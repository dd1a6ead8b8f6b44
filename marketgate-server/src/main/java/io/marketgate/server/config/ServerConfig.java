package io.marketgate.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the HTTP server listens ({@code server.*}).
 *
 * @param host address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks any free port
 * @param maxRequestBytes largest request body accepted; larger ones are answered 413
 * @param maxHeaderBytes largest total size of a request's headers
 * @param idleTimeout how long an idle keep-alive connection stays open
 * @param requestTimeout longest time to answer one request (streams excepted)
 */
public record ServerConfig(
    String host,
    int port,
    long maxRequestBytes,
    int maxHeaderBytes,
    Duration idleTimeout,
    Duration requestTimeout) {

  /** Default bind address: loopback only, so that nothing is exposed by accident. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Validates the parts. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
    }
    if (maxRequestBytes < 1 || maxHeaderBytes < 1) {
      throw new IllegalArgumentException("request and header limits must be positive");
    }
  }

  /** Loopback, port 8080, 64 KiB bodies, 16 KiB headers, 60 s idle, 30 s per request. */
  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_HOST,
        DEFAULT_PORT,
        64 * 1024,
        16 * 1024,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  /** This config listening on {@code host} and {@code port}. */
  public ServerConfig withAddress(String host, int port) {
    return new ServerConfig(
        host, port, maxRequestBytes, maxHeaderBytes, idleTimeout, requestTimeout);
  }

  /** Whether {@link #host()} accepts connections from this machine only. */
  public boolean loopbackOnly() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
