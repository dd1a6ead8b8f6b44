package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bucket;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real time, real sockets: eight threads share one Kalshi Basic budget against a loopback server
 * that enforces Kalshi's read bucket itself (200 tokens/s, cost 10, a burst of 2 s as Kalshi
 * documents for its write bucket) and answers 429 without Retry-After when it is exceeded.
 */
class TokenBucketBudgetThroughputTest {

  private static final Duration RUN = Duration.ofSeconds(6);
  private static final int BURST_CALLS = 20;

  private HttpServer server;
  private ExecutorService serverThreads;
  private final AtomicInteger served = new AtomicInteger();
  private final AtomicInteger tooMany = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    Bucket kalshiReadBucket =
        Bucket.builder()
            .addLimit(
                limit ->
                    limit.capacity(400).refillGreedy(200, Duration.ofSeconds(1)).initialTokens(400))
            .build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    serverThreads = Executors.newFixedThreadPool(16);
    server.setExecutor(serverThreads);
    server.createContext(
        "/trade-api/v2/markets",
        exchange -> {
          if (kalshiReadBucket.tryConsume(10)) {
            served.incrementAndGet();
            respond(exchange, 200, "{\"markets\":[],\"cursor\":\"\"}");
          } else {
            tooMany.incrementAndGet();
            respond(exchange, 429, "{\"error\":\"too many requests\"}");
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Test
  void execute_eightThreadsOnKalshiBasic_neverGet429AndSustainTwentyPerSecond() throws Exception {
    TokenBucketBudget budget = TokenBucketBudget.create(BudgetConfig.kalshi(KalshiTier.BASIC));
    UpstreamClient client =
        UpstreamClient.builder(
                "kalshi",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trade-api/v2"))
            .budget(budget)
            .build();
    UpstreamRequest list = UpstreamRequest.get("kalshi.markets", client.resolve("/markets"), 10);
    client.send(list); // connection and JIT warm-up: one call of the burst
    Queue<Long> completedAt = new ConcurrentLinkedQueue<>();
    long start = System.nanoTime();
    long end = start + RUN.toNanos();

    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int t = 0; t < 8; t++) {
        running.add(
            callers.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    client.send(list);
                    completedAt.add(System.nanoTime() - start);
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      callers.shutdownNow();
    }
    long elapsed = System.nanoTime() - start;

    // the burst (the bucket starts full) is over after BURST_CALLS calls; the rest is the rate
    List<Long> times = completedAt.stream().sorted().toList();
    long steadyFrom = times.get(BURST_CALLS - 1);
    long steadyTo = times.get(times.size() - 1);
    double perSecond = (times.size() - BURST_CALLS) / ((steadyTo - steadyFrom) / 1e9);
    System.out.printf(
        "kalshi basic over loopback, 8 threads: %d calls in %.2f s (burst of %d included),"
            + " %.2f calls/s sustained over %.2f s, %d answered 429%n",
        times.size() + 1,
        elapsed / 1e9,
        BURST_CALLS,
        perSecond,
        (steadyTo - steadyFrom) / 1e9,
        tooMany.get());

    assertThat(tooMany).hasValue(0);
    assertThat(steadyTo - steadyFrom).isGreaterThan(Duration.ofSeconds(5).toNanos());
    assertThat(perSecond).isBetween(18.0, 22.0);
    // the budget never exceeds its own bucket: burst 20 + 20/s since the start
    assertThat((double) served.get())
        .isLessThanOrEqualTo(20 + 20 * (System.nanoTime() - start) / 1e9 + 1);
    assertThat(budget.status().count(Outcome.OK)).isEqualTo(completedAt.size() + 1);
    assertThat(budget.status().count(Outcome.RATE_LIMITED)).isZero();
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
