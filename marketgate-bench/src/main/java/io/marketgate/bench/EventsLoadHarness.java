package io.marketgate.bench;

import io.marketgate.cache.Clock;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.http.ApiKeys;
import io.marketgate.server.http.GatewayHttpServer;
import io.marketgate.server.ingest.MarketData;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the gateway's HTTP server (open mode, loopback) over {@code events} synthetic upcoming
 * events of {@code books} bookmakers × 3 markets held in memory, prints the URLs to load with wrk,
 * and serves until killed.
 *
 * <pre>
 * java -cp marketgate-bench/target/benchmarks.jar io.marketgate.bench.EventsLoadHarness [port] [events] [books]
 * </pre>
 */
public final class EventsLoadHarness {

  private EventsLoadHarness() {}

  /** Runs the harness; arguments: port (default 18090), events (500), bookmakers (8). */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int books = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Clock clock = Clock.system();
    MarketData data = MarketData.create(clock);
    SyntheticOdds odds = new SyntheticOdds(books, 3, clock.wallTime().plus(Duration.ofHours(1)));
    SplittableRandom random = new SplittableRandom(42);
    OddsEvent first = null;
    for (int i = 0; i < events; i++) {
      OddsEvent e = odds.event(i, random);
      data.oddsEvents().publish(e.key(), e);
      if (first == null) {
        first = e;
      }
    }
    GatewayHttpServer server = GatewayHttpServer.builder(data, ApiKeys.open()).build();
    int bound = server.start("127.0.0.1", port);
    String base = "http://127.0.0.1:" + bound;
    System.out.println(
        "loaded " + events + " events x " + books + " bookmakers x 3 markets at " + Instant.now());
    System.out.println("list  " + base + "/v1/events");
    System.out.println("event " + base + "/v1/events/" + (first == null ? "none" : first.key()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }
}
