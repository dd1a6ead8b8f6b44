package io.marketgate.upstream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP client of one upstream credential: every request goes through its {@link Budget} and is
 * signed per attempt by its {@link RequestSigner}. Thread-safe; create one per credential and share
 * it.
 */
public final class UpstreamClient {

  private final String name;
  private final URI baseUri;
  private final Budget budget;
  private final RequestSigner signer;
  private final HttpClient http;
  private final Transport transport;

  private UpstreamClient(Builder builder) {
    this.name = builder.name;
    this.baseUri = builder.baseUri;
    this.budget = builder.budget;
    this.signer = builder.signer;
    this.http =
        builder.http != null
            ? builder.http
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.transport =
        Objects.requireNonNull(
            builder.transportLayer.apply(this::sendOnce), "transport returned by the layer");
  }

  /** A builder of a client called {@code name} for the API rooted at {@code baseUri}. */
  public static Builder builder(String name, URI baseUri) {
    return new Builder(name, baseUri);
  }

  /** The client's name (the upstream), for example {@code kalshi}. */
  public String name() {
    return name;
  }

  /** The root of the upstream API, for example {@code https://…/trade-api/v2}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The budget every call goes through. */
  public Budget budget() {
    return budget;
  }

  /** The JDK client underneath, for WebSocket connections to the same upstream. */
  public HttpClient http() {
    return http;
  }

  /** The signer, for WebSocket handshakes to the same upstream. */
  public RequestSigner signer() {
    return signer;
  }

  /** {@code baseUri} + {@code pathAndQuery} (which starts with {@code /}). */
  public URI resolve(String pathAndQuery) {
    String base = baseUri.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  /**
   * Sends {@code request} within the budget and returns its 2xx answer.
   *
   * @throws UpstreamException when no 2xx answer could be had
   */
  public UpstreamResponse send(UpstreamRequest request) {
    return budget.execute(request, transport);
  }

  /**
   * Sends {@code request} within the budget and parses its 2xx answer with {@code parser} as part
   * of the attempt: a body the parser rejects (it throws {@link UpstreamException} with {@link
   * Outcome#MALFORMED}) is a failed attempt that the budget counts, may retry, and reports to its
   * circuit breaker, exactly like a 5xx.
   *
   * @throws UpstreamException when no parsable 2xx answer could be had
   */
  public <T> T send(UpstreamRequest request, Function<UpstreamResponse, T> parser) {
    Objects.requireNonNull(parser, "parser");
    AtomicReference<T> parsed = new AtomicReference<>();
    budget.execute(
        request,
        attempt -> {
          UpstreamResponse r = transport.send(attempt);
          if (r.outcome() == Outcome.OK) {
            try {
              parsed.set(Objects.requireNonNull(parser.apply(r), "parser returned null"));
            } catch (UpstreamException e) {
              throw e;
            } catch (RuntimeException e) {
              throw new UpstreamException(
                  request.endpoint(),
                  Outcome.MALFORMED,
                  r.status(),
                  "unreadable answer: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                  e);
            }
          }
          return r;
        });
    return parsed.get();
  }

  /** One attempt, signed now; any status is returned, only a missing answer throws. */
  UpstreamResponse sendOnce(UpstreamRequest request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .header("Accept", "application/json")
            .header("Accept-Encoding", "gzip")
            .method(
                request.method(),
                request.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(b::header);
    for (Map.Entry<String, String> h : signer.headers(request.method(), request.uri()).entrySet()) {
      b.header(h.getKey(), h.getValue());
    }
    long start = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = decode(r);
      return new UpstreamResponse(
          r.statusCode(), r.headers().map(), body, Duration.ofNanos(System.nanoTime() - start), 1);
    } catch (HttpTimeoutException e) {
      throw new UpstreamException(
          request.endpoint(),
          Outcome.TIMEOUT,
          0,
          "no answer within " + request.timeout().toMillis() + " ms",
          e);
    } catch (IOException e) {
      throw new UpstreamException(
          request.endpoint(), Outcome.MALFORMED, 0, "connection failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(request.endpoint(), Outcome.TIMEOUT, 0, "interrupted", e);
    }
  }

  private static byte[] decode(HttpResponse<byte[]> r) throws IOException {
    String encoding = r.headers().firstValue("Content-Encoding").orElse("");
    if (!encoding.equalsIgnoreCase("gzip")) {
      return r.body();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      return in.readAllBytes();
    }
  }

  @Override
  public String toString() {
    return "UpstreamClient[" + name + ", " + baseUri + "]";
  }

  /** Configures and builds an {@link UpstreamClient}. */
  public static final class Builder {
    private final String name;
    private final URI baseUri;
    private Budget budget;
    private RequestSigner signer = RequestSigner.none();
    private HttpClient http;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private UnaryOperator<Transport> transportLayer = UnaryOperator.identity();

    private Builder(String name, URI baseUri) {
      this.name = Objects.requireNonNull(name, "name");
      this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
      this.budget = Budget.unlimited(name);
    }

    /** The budget every call goes through (default: unlimited). */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /** The signer that authenticates each attempt (default: none). */
    public Builder signer(RequestSigner signer) {
      this.signer = Objects.requireNonNull(signer, "signer");
      return this;
    }

    /** A JDK client to use instead of a new one. */
    public Builder httpClient(HttpClient http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The connect timeout of a new JDK client (default 5 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * A layer over the HTTP transport, given the signed HTTP transport and returning the one the
     * budget calls: wraps it to record exchanges, or replaces it to replay them (default: none).
     */
    public Builder transport(UnaryOperator<Transport> layer) {
      this.transportLayer = Objects.requireNonNull(layer, "layer");
      return this;
    }

    /** Builds the client. */
    public UpstreamClient build() {
      return new UpstreamClient(this);
    }
  }
}
