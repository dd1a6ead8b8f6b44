package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionIT {

  VenueSimulator sim;
  String book;

  @BeforeEach
  void start() {
    sim =
        VenueSimulator.start(
            c ->
                c.seed(3)
                    .slateDate(LocalDate.of(2026, 1, 9))
                    .gameCount(2)
                    .kalshiTokensPerSecond(1e6));
    book = sim.kalshiBaseUri() + "/markets/" + sim.kalshiMarketTickers().get(0) + "/orderbook";
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void latency_nextCall_isAnsweredAfterTheDelay() {
    sim.faults()
        .inject("kalshi.orderbook", Fault.latency(Duration.ofMillis(400)), FaultTrigger.once());
    long t0 = System.nanoTime();
    Http.Response r = Http.get(book);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().has("orderbook_fp")).isTrue();
    assertThat(millis).isGreaterThanOrEqualTo(400);
    assertThat(sim.faults().injected()).isEmpty();
  }

  @Test
  void tooManyRequests_withAndWithoutRetryAfter() {
    sim.faults().inject("kalshi.orderbook", Fault.tooManyRequests(), FaultTrigger.once());
    sim.faults()
        .inject(
            "kalshi.orderbook", Fault.tooManyRequests(Duration.ofSeconds(2)), FaultTrigger.once());
    Http.Response plain = Http.get(book);
    assertThat(plain.status()).isEqualTo(429);
    assertThat(plain.json().get("error").asText()).isEqualTo("too many requests");
    assertThat(plain.headers().firstValue("Retry-After")).isEmpty();
    Http.Response withHeader = Http.get(book);
    assertThat(withHeader.status()).isEqualTo(429);
    assertThat(withHeader.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(Http.get(book).status()).isEqualTo(200);
  }

  @Test
  void serverError_nextTwoCalls_thenNormal() {
    sim.faults().inject("kalshi.*", Fault.status(503), FaultTrigger.next(2));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      statuses.add(Http.get(book).status());
    }
    assertThat(statuses).containsExactly(503, 503, 200);
    assertThat(sim.calls().calls("kalshi.orderbook", 503)).isEqualTo(2);
  }

  @Test
  void hang_clientTimesOut_callCountedWithoutStatus() {
    sim.faults().inject("kalshi.orderbook", Fault.hang(), FaultTrigger.once());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(book)).timeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThat(sim.calls().calls("kalshi.orderbook")).isEqualTo(1);
    assertThat(sim.calls().routes().get("kalshi.orderbook").byStatus()).isEmpty();
  }

  @Test
  void truncatedJson_bodyIsCutAndUnparseable() {
    sim.faults().inject("kalshi.orderbook", Fault.truncatedJson(), FaultTrigger.once());
    Http.Response r = Http.get(book);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"orderbook_fp\"");
    assertThatThrownBy(r::json).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void wrongTypes_numericStringsBecomeNumbers() {
    sim.faults().inject("kalshi.orderbook", Fault.wrongTypes(), FaultTrigger.once());
    JsonNode level = Http.get(book).json().get("orderbook_fp").get("yes_dollars").get(0);
    assertThat(level.get(0).isNumber()).isTrue();
    assertThat(level.get(1).isNumber()).isTrue();
  }

  @Test
  void probability_halfTheCalls_isSeededAndRepeatable() {
    List<Integer> first = statuses(sim);
    try (VenueSimulator twin = VenueSimulator.start(sim.config())) {
      assertThat(statuses(twin)).isEqualTo(first);
    }
    assertThat(first.stream().filter(s -> s == 500).count()).isBetween(8L, 32L);
  }

  private static List<Integer> statuses(VenueSimulator s) {
    s.faults().inject("kalshi.exchange_status", Fault.status(500), FaultTrigger.probability(0.5));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      out.add(Http.get(s.kalshiBaseUri() + "/exchange/status").status());
    }
    return out;
  }

  @Test
  void adminRoute_injectsListsAndClearsFaults() {
    String faults = sim.adminUri() + "/faults";
    Http.Response created =
        Http.post(
            faults, "{\"route\":\"odds_api.odds\",\"kind\":\"status\",\"status\":502,\"next\":1}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("id").asLong()).isPositive();
    assertThat(
            Http.post(faults, "{\"route\":\"kalshi.ws\",\"kind\":\"freeze\",\"probability\":1}")
                .status())
        .isEqualTo(201);
    assertThat(Http.get(faults).json().get("faults")).hasSize(2);
    String odds =
        sim.oddsApiBaseUri() + "/v4/sports/basketball_nba/odds?apiKey=sim-odds-api-key&regions=us";
    Http.Response faulted = Http.get(odds);
    assertThat(faulted.status()).isEqualTo(502);
    assertThat(faulted.json().has("error_code")).isTrue();
    assertThat(Http.get(odds).status()).isEqualTo(200);
    assertThat(Http.get(faults).json().get("faults")).hasSize(1);
    assertThat(Http.delete(faults).json().get("faults")).isEmpty();
    assertThat(Http.post(faults, "{\"route\":\"x\",\"kind\":\"nope\"}").status()).isEqualTo(400);
  }
}
