package io.marketgate.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the HTTP server enforces on every connection and request.
 *
 * @param maxEntityBytes largest request body accepted (413 above it); no route reads a body
 * @param maxHeaderBytes largest total size of the request headers (431 above it)
 * @param maxHeaders most request header fields (431 above it)
 * @param idleTimeout a connection with no I/O at all for this long is closed
 * @param requestParseTimeout a client that has not sent a complete request head within this time is
 *     disconnected (slow-client protection)
 * @param noRequestTimeout a keep-alive connection that sends no new request for this long is closed
 * @param streamHeartbeat interval of the comment lines that keep event streams alive through
 *     proxies; shorter than {@code idleTimeout}
 * @param maxStreamClients most concurrent event-stream clients (503 above it)
 * @param maxTopics most topics one event stream may subscribe to
 * @param encodedBodies how many encoded response bodies the server keeps for reuse
 * @param streamRingSize how many updates the event-stream ring keeps for resumes (a power of two)
 */
public record HttpLimits(
    long maxEntityBytes,
    int maxHeaderBytes,
    int maxHeaders,
    Duration idleTimeout,
    Duration requestParseTimeout,
    Duration noRequestTimeout,
    Duration streamHeartbeat,
    int maxStreamClients,
    int maxTopics,
    int encodedBodies,
    int streamRingSize) {

  /** Validates the limits; a bad one throws naming it. */
  public HttpLimits {
    positive("maxEntityBytes", maxEntityBytes);
    positive("maxHeaderBytes", maxHeaderBytes);
    positive("maxHeaders", maxHeaders);
    positive("idleTimeout", idleTimeout);
    positive("requestParseTimeout", requestParseTimeout);
    positive("noRequestTimeout", noRequestTimeout);
    positive("streamHeartbeat", streamHeartbeat);
    positive("maxStreamClients", maxStreamClients);
    positive("maxTopics", maxTopics);
    positive("encodedBodies", encodedBodies);
    if (streamRingSize < 16 || Integer.bitCount(streamRingSize) != 1) {
      throw new IllegalArgumentException(
          "streamRingSize must be a power of two >= 16, was " + streamRingSize);
    }
    if (streamHeartbeat.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException(
          "streamHeartbeat ("
              + streamHeartbeat
              + ") must be shorter than idleTimeout ("
              + idleTimeout
              + ")");
    }
  }

  /**
   * The defaults: 64 KiB bodies, 16 KiB and 64 header fields, 2 min idle, 10 s to send a request
   * head, 60 s between keep-alive requests, 15 s heartbeats, 1,000 stream clients with at most 64
   * topics each, 4,096 encoded bodies, a 65,536-update stream ring.
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        64 * 1024,
        16 * 1024,
        64,
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(15),
        1_000,
        64,
        4_096,
        1 << 16);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be positive and below 24 days, was " + value);
    }
  }
}
