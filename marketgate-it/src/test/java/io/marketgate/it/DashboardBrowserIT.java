package io.marketgate.it;

import static io.marketgate.it.Browser.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.server.Gateway;
import io.marketgate.server.config.AuthConfig;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.Secret;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against a demo gateway and the venue simulator: the
 * book explorer follows the simulator's prices without a reload, a failing source shows as stale, a
 * dropped event stream shows the reconnect banner and recovers, a key typed into the page opens the
 * API and its event stream when keys are required, and the slate board lists the simulated games,
 * follows their prices and sorts by a clicked column.
 *
 * <p>The simulator has no ticker here: its books move only when a test steps it, so every change
 * the page shows was caused by the test.
 */
class DashboardBrowserIT {

  private static final long SEED = 7;
  private static final String READ_KEY = "dashboard-read-key-0123456789";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @RegisterExtension final Browser browser = new Browser();

  @TempDir Path dataDir;

  private VenueSimulator sim;
  private Gateway gateway;

  @BeforeEach
  void start() {
    sim =
        VenueSimulator.start(
            SimConfig.builder()
                .port(0)
                .seed(SEED)
                // Tomorrow (US/Eastern): the slate route serves dates near today only.
                .slateDate(
                    io.marketgate.upstream.kalshi.NbaTicker.easternDate(java.time.Instant.now())
                        .plusDays(1))
                .build());
    gateway = startGateway(0);
    await("gateway ready")
        .atMost(PATIENCE)
        .until(() -> gateway.sources().stream().allMatch(s -> s.status().hasData()));
  }

  @AfterEach
  void stop() {
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (sim != null) {
        sim.close();
      }
    }
  }

  private Gateway startGateway(int port) {
    return Gateway.start(GatewayConfig.demo(sim).port(port).dataDir(dataDir).build());
  }

  @Test
  void explorer_simulatorMovesPrice_bookAndSparklineUpdateWithoutReload() {
    String ticker = gameTicker();
    WebDriver page = open("#/explorer/kalshi/" + ticker);
    awaitPage("the book shows the simulator's prices")
        .until(() -> shownQuote().equals(simQuote(ticker)));
    assertThat(browser.textOf("book-ticker")).isEqualTo(ticker);
    int pointsBefore = sparkPoints();
    markPage(page);

    String before = shownQuote();
    stepUntilQuoteChanges(ticker, before);
    String after = simQuote(ticker);

    awaitPage("the book shows the moved price " + after).until(() -> shownQuote().equals(after));
    assertThat(stillSamePage(page)).as("the page was not reloaded").isTrue();
    assertThat(sparkPoints()).isGreaterThan(pointsBefore);
    assertThat(browser.byTestId("book-source").getText()).isEqualTo("live");
    assertThat(browser.byTestId("book-age").getText()).matches("\\d+ s old");
  }

  @Test
  void sources_unabatedFailing_rowGreyedAsStaleWithItsAge() {
    open("#/sources");
    By row = By.cssSelector("[data-testid='source-row'][data-source='unabated.odds']");
    awaitPage("unabated.odds shown live")
        .until(() -> stateOf(row).equals("live") && !hasClass(row, "stale"));

    sim.faults().inject("unabated.*", Fault.status(503), FaultTrigger.always());

    awaitPage("unabated.odds shown stale")
        .until(() -> !stateOf(row).equals("live") && hasClass(row, "stale"));
    WebElement age = browser.driver().findElement(row).findElement(testId("source-age"));
    assertThat(age.getText()).matches("\\d+ (s|min) old");
    assertThat(age.getAttribute("class")).contains("stale");
    assertThat(stateOf(By.cssSelector("[data-source='kalshi.markets']"))).isEqualTo("live");
  }

  @Test
  void stream_gatewayRestarts_bannerShownThenClearedAndUpdatesResume() {
    String ticker = gameTicker();
    WebDriver page = open("#/explorer/kalshi/" + ticker);
    awaitPage("the book shows the simulator's prices")
        .until(() -> shownQuote().equals(simQuote(ticker)));
    WebElement banner = browser.byTestId("stream-banner");
    assertThat(banner.isDisplayed()).isFalse();
    markPage(page);
    int port = gateway.port();

    gateway.close();
    gateway = null;

    awaitPage("the reconnect banner").until(banner::isDisplayed);
    assertThat(banner.getText()).contains("reconnecting");

    gateway = startGateway(port);
    awaitPage("the banner cleared after the reconnect").until(() -> !banner.isDisplayed());
    String before = shownQuote();
    stepUntilQuoteChanges(ticker, before);
    String after = simQuote(ticker);
    awaitPage("updates after the reconnect").until(() -> shownQuote().equals(after));
    assertThat(stillSamePage(page)).as("the page was not reloaded").isTrue();
  }

  @Test
  void apiKey_keysRequired_pageAsksThenShowsLiveBookWithTheEnteredKey() {
    gateway.close();
    GatewayConfig open = GatewayConfig.demo(sim).port(0).dataDir(dataDir).build();
    gateway =
        Gateway.start(
            open.withAuth(
                new AuthConfig(
                    AuthConfig.Mode.KEYS,
                    List.of(
                        new AuthConfig.ApiKey(
                            "dashboard",
                            Secret.of(READ_KEY, "the test"),
                            EnumSet.of(AuthConfig.Scope.READ))))));
    String ticker = gameTicker();
    WebDriver page = open("#/explorer/kalshi/" + ticker);
    awaitPage("the book asks for a key")
        .until(() -> browser.textOf("book-error").contains("API key"));

    WebElement key = browser.byTestId("api-key");
    key.sendKeys(READ_KEY);
    key.submit();

    awaitPage("the book with the key").until(() -> shownQuote().equals(simQuote(ticker)));
    markPage(page);
    stepUntilQuoteChanges(ticker, shownQuote());
    String after = simQuote(ticker);
    awaitPage("the streamed price " + after).until(() -> shownQuote().equals(after));
    assertThat(stillSamePage(page)).as("the page was not reloaded").isTrue();
  }

  @Test
  void slate_simulatedGames_oneMoneylineRowPerGameAndPriceChangeWithoutReload() {
    int games = sim.slate().games().size();
    WebDriver page = open("#/slate/nba/" + sim.slate().date());
    By rows = By.cssSelector("[data-testid='slate-table-moneylines'] [data-testid='slate-row']");
    awaitPage("a moneyline row per simulated game")
        .until(
            () ->
                page.findElements(rows).stream()
                        .map(r -> r.getAttribute("data-game"))
                        .distinct()
                        .count()
                    == games);
    assertThat(page.findElements(rows)).hasSizeGreaterThanOrEqualTo(games);
    markPage(page);

    // The table is re-rendered on every slate update: read it inside an await that retries.
    String ticker =
        awaitPage("a moneyline ticker")
            .until(
                () -> page.findElements(rows).getFirst().getAttribute("data-ticker"),
                java.util.Objects::nonNull);
    By row =
        By.cssSelector(
            "[data-testid='slate-table-moneylines'] [data-testid='slate-row'][data-ticker='"
                + ticker
                + "']");
    awaitPage("the row shows the simulator's prices")
        .until(() -> rowQuote(row).equals(simQuote(ticker)));
    String shown = awaitPage("the row's quote").until(() -> rowQuote(row), q -> !q.isEmpty());
    stepUntilQuoteChanges(ticker, shown);
    String after = simQuote(ticker);

    awaitPage("the row shows the moved price " + after).until(() -> rowQuote(row).equals(after));
    assertThat(stillSamePage(page)).as("the page was not reloaded").isTrue();

    awaitPage("the edge header clicked")
        .until(
            () -> {
              page.findElement(
                      By.cssSelector(
                          "[data-testid='slate-table-moneylines'] th[data-testid='sort-edge']"))
                  .click();
              return true;
            });
    awaitPage("moneylines sorted by edge, highest first")
        .until(
            () -> {
              List<Double> edges =
                  page.findElements(rows).stream()
                      .map(r -> r.findElement(testId("cell-edge")).getText())
                      .filter(t -> !t.equals("–"))
                      .map(Double::parseDouble)
                      .toList();
              return edges.size() > 1
                  && edges.equals(edges.stream().sorted(Comparator.reverseOrder()).toList());
            });
  }

  // ---------------------------------------------------------------- helpers

  private WebDriver open(String fragment) {
    WebDriver page = browser.driver();
    page.get(gateway.baseUri().resolve("/") + fragment);
    return page;
  }

  private static ConditionFactory awaitPage(String what) {
    return await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
  }

  private String gameTicker() {
    return sim.kalshiMarketTickers().stream()
        .filter(t -> t.startsWith(GatewayHarness.GAME_SERIES + "-"))
        .findFirst()
        .orElseThrow();
  }

  /** Steps the simulator until the true YES bid/ask of {@code ticker} differ from {@code shown}. */
  private void stepUntilQuoteChanges(String ticker, String shown) {
    for (int i = 0; i < 500; i++) {
      sim.step();
      if (!simQuote(ticker).equals(shown)) {
        return;
      }
    }
    throw new AssertionError("500 simulator steps left " + ticker + " at " + shown);
  }

  /** "bid/ask" of the simulator's true book, formatted as the page formats prices. */
  private String simQuote(String ticker) {
    BinaryBook book = sim.kalshiBook(ticker).orElseThrow();
    return cents(book.bestYesBid()) + "/" + cents(book.yesAsk());
  }

  private static String cents(Optional<PriceLevel> level) {
    return level.map(l -> l.price().setScale(2, RoundingMode.HALF_UP).toPlainString()).orElse("–");
  }

  private String shownQuote() {
    return browser.textOf("book-yes-bid") + "/" + browser.textOf("book-yes-ask");
  }

  private String rowQuote(By row) {
    WebElement r = browser.driver().findElement(row);
    return r.findElement(testId("cell-yes-bid")).getText()
        + "/"
        + r.findElement(testId("cell-yes-ask")).getText();
  }

  private int sparkPoints() {
    return Integer.parseInt(browser.byTestId("sparkline").getAttribute("data-points"));
  }

  private String stateOf(By row) {
    return browser.driver().findElement(row).findElement(testId("source-state")).getText();
  }

  private boolean hasClass(By locator, String cls) {
    String classes = browser.driver().findElement(locator).getAttribute("class");
    return classes != null && List.of(classes.split("\\s+")).contains(cls);
  }

  /** Leaves a marker in the page's window that a reload would wipe. */
  private static void markPage(WebDriver page) {
    ((JavascriptExecutor) page).executeScript("window.__marketgateMarker = 'still here';");
  }

  private static boolean stillSamePage(WebDriver page) {
    return "still here"
        .equals(((JavascriptExecutor) page).executeScript("return window.__marketgateMarker;"));
  }
}
