package io.marketgate.sim.fault;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of failure the simulator can inject into a route. HTTP faults apply to a request; WS
 * faults apply to the next data message of a WebSocket connection.
 */
public sealed interface Fault {

  /** Whether this fault acts on HTTP requests (as opposed to WebSocket data messages). */
  boolean isHttp();

  /**
   * The request is answered normally after an added delay (a long delay holds it past the client's
   * timeout).
   *
   * @param delay the added delay, not negative
   */
  record Latency(Duration delay) implements Fault {
    /** Validates the delay. */
    public Latency {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("Fault.Latency: delay must not be negative: " + delay);
      }
    }

    @Override
    public boolean isHttp() {
      return true;
    }
  }

  /**
   * The request is answered with an error status instead of its data.
   *
   * @param status the HTTP status, 400 to 599 (for example 429 or 503)
   * @param retryAfter the {@code Retry-After} header value to send, if any
   */
  record Status(int status, Optional<Duration> retryAfter) implements Fault {
    /** Validates the status. */
    public Status {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException(
            "Fault.Status: status must be 400..599 but was " + status);
      }
      Objects.requireNonNull(retryAfter, "retryAfter");
    }

    @Override
    public boolean isHttp() {
      return true;
    }
  }

  /** The request is never answered (the connection stays open until the client gives up). */
  record Hang() implements Fault {
    @Override
    public boolean isHttp() {
      return true;
    }
  }

  /**
   * The request is answered with status 200 and a broken body.
   *
   * @param kind how the body is broken
   */
  record Malformed(MalformedKind kind) implements Fault {
    /** Validates the kind. */
    public Malformed {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean isHttp() {
      return true;
    }
  }

  /** How a malformed body is broken. */
  enum MalformedKind {
    /** The JSON is cut in the middle. */
    TRUNCATED,
    /** Valid JSON with wrong types: numeric strings become numbers and numbers become strings. */
    WRONG_TYPES
  }

  /** The WebSocket connection is closed abruptly instead of sending the next data message. */
  record Disconnect() implements Fault {
    @Override
    public boolean isHttp() {
      return false;
    }
  }

  /** The next data message of a subscription skips one {@code seq} value. */
  record SequenceGap() implements Fault {
    @Override
    public boolean isHttp() {
      return false;
    }
  }

  /**
   * The WebSocket connection stops sending data for good: it stays open, pings continue, but no
   * snapshot, delta or reply is sent again.
   */
  record Freeze() implements Fault {
    @Override
    public boolean isHttp() {
      return false;
    }
  }

  /** Added latency of {@code delay}. */
  static Fault latency(Duration delay) {
    return new Latency(delay);
  }

  /** HTTP 429 with no {@code Retry-After} header (as Kalshi answers). */
  static Fault tooManyRequests() {
    return new Status(429, Optional.empty());
  }

  /** HTTP 429 with {@code Retry-After} set to {@code retryAfter} (whole seconds, rounded up). */
  static Fault tooManyRequests(Duration retryAfter) {
    return new Status(429, Optional.of(retryAfter));
  }

  /** An HTTP error {@code status} such as 500, 502 or 503. */
  static Fault status(int status) {
    return new Status(status, Optional.empty());
  }

  /** A request that is never answered. */
  static Fault hang() {
    return new Hang();
  }

  /** A 200 whose JSON body is cut in the middle. */
  static Fault truncatedJson() {
    return new Malformed(MalformedKind.TRUNCATED);
  }

  /** A 200 whose JSON has wrong value types. */
  static Fault wrongTypes() {
    return new Malformed(MalformedKind.WRONG_TYPES);
  }

  /** An abrupt WebSocket disconnect. */
  static Fault disconnect() {
    return new Disconnect();
  }

  /** A skipped WebSocket sequence number. */
  static Fault sequenceGap() {
    return new SequenceGap();
  }

  /** A silent WebSocket freeze. */
  static Fault freeze() {
    return new Freeze();
  }
}
