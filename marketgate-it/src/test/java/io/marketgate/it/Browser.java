package io.marketgate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Debian Chromium driven through chromedriver, one per test, with a fresh profile. On a
 * failed test it writes a screenshot and the page source to {@code target/browser-failures/}.
 *
 * <p>Without {@code chromium} and {@code chromedriver} the test is skipped with an assumption
 * message, except on CI ({@code CI=true}), where it fails: CI installs both (see {@code .ci/run}).
 * The binaries are found at {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or where
 * the system properties {@code marketgate.chromium} and {@code marketgate.chromedriver} point.
 * Selenium Manager is never asked to download anything: both paths are always set explicitly.
 */
final class Browser implements BeforeEachCallback, AfterEachCallback {

  private static final Path FAILURES = Path.of("target", "browser-failures");

  /**
   * Selenium warns on every start that it has no DevTools protocol bindings for this Chromium; the
   * tests use WebDriver only, so its warnings are turned down (kept here so the level sticks).
   */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }

  private WebDriver driver;
  private Path profile;

  /** The driver of the running test. */
  WebDriver driver() {
    if (driver == null) {
      throw new IllegalStateException("the browser starts before each test");
    }
    return driver;
  }

  /** The element with {@code data-testid} {@code id}. */
  WebElement byTestId(String id) {
    return driver().findElement(testId(id));
  }

  /** The text of the element with {@code data-testid} {@code id}, or "" when there is none. */
  String textOf(String id) {
    return driver().findElements(testId(id)).stream()
        .findFirst()
        .map(WebElement::getText)
        .orElse("");
  }

  /** A locator for {@code data-testid} {@code id}. */
  static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Path chromium = binary("marketgate.chromium", "/usr/bin/chromium");
    Path chromedriver = binary("marketgate.chromedriver", "/usr/bin/chromedriver");
    String missing =
        Stream.of(chromium, chromedriver)
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .reduce((a, b) -> a + ", " + b)
            .orElse("");
    if (!missing.isEmpty()) {
      String message =
          "browser tests need Debian's chromium and chromium-driver (apt-get install chromium"
              + " chromium-driver); missing: "
              + missing;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + " (CI=true: failing instead of skipping)");
      }
      Assumptions.abort(message);
    }
    profile = Files.createTempDirectory("marketgate-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      if (driver != null && context.getExecutionException().isPresent()) {
        saveEvidence(context);
      }
    } finally {
      if (driver != null) {
        driver.quit();
        driver = null;
      }
      if (profile != null) {
        deleteTree(profile);
        profile = null;
      }
    }
  }

  private void saveEvidence(ExtensionContext context) {
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName();
    try {
      Files.createDirectories(FAILURES);
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Files.write(FAILURES.resolve(name + ".png"), png);
      Files.writeString(
          FAILURES.resolve(name + ".html"),
          Optional.ofNullable(driver.getPageSource()).orElse(""),
          StandardCharsets.UTF_8);
      System.err.println("browser evidence written to " + FAILURES.toAbsolutePath() + "/" + name);
    } catch (IOException | RuntimeException e) {
      System.err.println("could not save browser evidence for " + name + ": " + e);
    }
  }

  private static Path binary(String property, String fallback) {
    String value = System.getProperty(property, "").trim();
    return Path.of(value.isEmpty() ? fallback : value);
  }

  /** Deletes the profile; best effort, since chromium may still be writing as it exits. */
  private static void deleteTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        System.err.println("could not delete " + p + ": " + e);
      }
    }
  }
}
