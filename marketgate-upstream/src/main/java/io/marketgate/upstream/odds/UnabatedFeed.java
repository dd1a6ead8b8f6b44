package io.marketgate.upstream.odds;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An Unabated-style game-odds feed kept current: a snapshot ({@code GET /v2/markets/gameOdds},
 * preceded by {@code GET /v2/markets/changes} to take a cursor) builds the state, then {@link
 * #poll()} applies incremental changes ({@code GET /v2/markets/changes/{lastTimestamp}}),
 * re-snapshotting when Unabated answers {@code resultCode:"Failed"}. The current state is an
 * immutable {@link UnabatedState}.
 *
 * <p>Threading: {@link #snapshot()} and {@link #poll()} may be called from any thread but run one
 * at a time (one poller should own them; Unabated asks for at most one call per second); {@link
 * #current()} never blocks. The caller owns the lifecycle; the feed holds no threads.
 */
public final class UnabatedFeed {

  /*
   * The API key travels in the query string (x-api-key=…), as Unabated requires. It lives only in
   * request URIs, never in a log line, and every exception leaving this class is scrubbed by
   * ApiKey. A failed call leaves the state and cursor as they were, so the next poll retries the
   * same step. The state is rebuilt as an immutable view after every applied response and
   * published through a volatile field.
   */

  /** The endpoint label of the game-odds snapshot call. */
  public static final String SNAPSHOT_ENDPOINT = "unabated.snapshot";

  /** The endpoint label of the changes call. */
  public static final String CHANGES_ENDPOINT = "unabated.changes";

  private static final System.Logger LOG = System.getLogger(UnabatedFeed.class.getName());

  private final UpstreamClient client;
  private final ApiKey apiKey;
  private final Clock clock;
  private final Duration snapshotTimeout;
  private final Duration changesTimeout;
  private final UnabatedBook book;

  private static final int OK = 200;

  private Optional<String> lastTimestamp = Optional.empty();
  private long snapshots;
  private boolean needsSnapshot = true;
  private volatile UnabatedState current = UnabatedState.empty();

  private UnabatedFeed(Builder b) {
    this.client = b.client;
    this.apiKey = b.apiKey;
    this.clock = b.clock;
    this.snapshotTimeout = b.snapshotTimeout;
    this.changesTimeout = b.changesTimeout;
    this.book = new UnabatedBook(b.convention);
  }

  /** A builder of a feed that calls Unabated through {@code client} with {@code apiKey}. */
  public static Builder builder(UpstreamClient client, String apiKey) {
    return new Builder(client, apiKey);
  }

  /** The latest state; empty before the first snapshot. */
  public UnabatedState current() {
    return current;
  }

  /**
   * Takes a fresh game-odds snapshot and replaces the state with it.
   *
   * @throws UpstreamException when the call fails or the body is not a snapshot; the state is kept
   */
  public synchronized UnabatedState snapshot() {
    // The snapshot may carry no cursor of its own. A cursor taken before the snapshot makes the
    // first poll ask only for changes after it: every change is then either in the snapshot or in
    // a later answer (newer sequence numbers win, so seeing one twice is harmless), and a cursor
    // the server no longer knows answers "Failed" instead of silently skipping changes.
    JsonNode cursor =
        fetchObject(
            CHANGES_ENDPOINT,
            "/v2/markets/changes?x-api-key=" + apiKey.queryValue(),
            changesTimeout);
    Optional<String> cursorBefore = WireJson.text(cursor, "lastTimestamp");
    if (cursorBefore.isEmpty()
        || !WireJson.text(cursor, "resultCode").orElse("").equalsIgnoreCase("Success")) {
      throw malformed(
          CHANGES_ENDPOINT, OK, "the cursor call answered without Success and a lastTimestamp");
    }
    JsonNode root =
        fetchObject(
            SNAPSHOT_ENDPOINT,
            "/v2/markets/gameOdds?x-api-key=" + apiKey.queryValue(),
            snapshotTimeout);
    book.applySnapshot(root, clock.instant());
    lastTimestamp = WireJson.text(root, "lastTimestamp").or(() -> cursorBefore);
    snapshots++;
    needsSnapshot = false;
    return publish();
  }

  /**
   * One polling step: a snapshot if there is none yet, else the changes since {@code
   * lastTimestamp}; on {@code resultCode:"Failed"} (the cursor is stale) a new snapshot at once,
   * and again on every poll until one succeeds.
   *
   * @throws UpstreamException when a call fails or a body is malformed; the state is kept
   */
  public synchronized UnabatedState poll() {
    if (needsSnapshot) {
      return snapshot();
    }
    String path =
        lastTimestamp
            .map(t -> "/v2/markets/changes/" + URLEncoder.encode(t, StandardCharsets.UTF_8))
            .orElse("/v2/markets/changes");
    JsonNode root =
        fetchObject(CHANGES_ENDPOINT, path + "?x-api-key=" + apiKey.queryValue(), changesTimeout);
    String resultCode = WireJson.text(root, "resultCode").orElse("");
    if (resultCode.equalsIgnoreCase("Failed")) {
      LOG.log(Level.INFO, "unabated: changes cursor is stale (resultCode Failed); re-snapshotting");
      lastTimestamp = Optional.empty();
      needsSnapshot = true;
      return snapshot();
    }
    if (!resultCode.equalsIgnoreCase("Success")) {
      throw malformed(
          CHANGES_ENDPOINT,
          OK,
          "resultCode is " + WireJson.abbreviate(resultCode) + ", expected Success or Failed");
    }
    Optional<String> next = WireJson.text(root, "lastTimestamp");
    if (next.isEmpty()) {
      throw malformed(CHANGES_ENDPOINT, OK, "lastTimestamp is missing");
    }
    JsonNode results = root.path("results");
    if (!results.isArray() && !results.isMissingNode() && !results.isNull()) {
      throw malformed(CHANGES_ENDPOINT, OK, "results is " + type(results) + ", expected array");
    }
    Instant now = clock.instant();
    for (JsonNode result : results) {
      book.applyChange(result, now);
    }
    lastTimestamp = next;
    return publish();
  }

  private UnabatedState publish() {
    UnabatedBook.View view = book.view();
    if (view.rotationConflicts() != current.rotationConflicts() && view.rotationConflicts() > 0) {
      LOG.log(
          Level.WARNING,
          () ->
              "unabated: "
                  + view.rotationConflicts()
                  + " events have rotation numbers that contradict the side convention");
    }
    UnabatedState state =
        new UnabatedState(
            view.events(), lastTimestamp, snapshots, book.malformed(), view.rotationConflicts());
    current = state;
    return state;
  }

  /** GETs a JSON object; a body that is not one fails the attempt inside the budget. */
  private JsonNode fetchObject(String endpoint, String pathAndQuery, Duration timeout) {
    try {
      return client.send(
          UpstreamRequest.get(endpoint, client.resolve(pathAndQuery), 1).withTimeout(timeout),
          response -> {
            JsonNode root = WireJson.parse(endpoint, response, apiKey);
            if (!root.isObject()) {
              throw malformed(
                  endpoint, response.status(), "expected a JSON object but got " + type(root));
            }
            return root;
          });
    } catch (UpstreamException e) {
      throw apiKey.scrub(e);
    }
  }

  private static UpstreamException malformed(String endpoint, int status, String problem) {
    return new UpstreamException(endpoint, Outcome.MALFORMED, status, problem);
  }

  private static String type(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "UnabatedFeed[" + client.name() + ", snapshots " + snapshots + "]";
  }

  /** Configures and builds an {@link UnabatedFeed}. */
  public static final class Builder {
    private final UpstreamClient client;
    private final ApiKey apiKey;
    private UnabatedSideConvention convention = UnabatedSideConvention.AWAY_FIRST;
    private Clock clock = Clock.systemUTC();
    private Duration snapshotTimeout = Duration.ofSeconds(60);
    private Duration changesTimeout = UpstreamRequest.DEFAULT_TIMEOUT;

    private Builder(UpstreamClient client, String apiKey) {
      this.client = Objects.requireNonNull(client, "client");
      this.apiKey = new ApiKey(apiKey);
    }

    /** Which team a side index stands for (default {@link UnabatedSideConvention#AWAY_FIRST}). */
    public Builder sideConvention(UnabatedSideConvention convention) {
      this.convention = Objects.requireNonNull(convention, "convention");
      return this;
    }

    /** The clock that stamps lines sent without {@code modifiedOn} (default system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long the snapshot call may take (default 60 s; a snapshot is known to take ~15 s). */
    public Builder snapshotTimeout(Duration timeout) {
      this.snapshotTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long a changes call may take (default {@link UpstreamRequest#DEFAULT_TIMEOUT}). */
    public Builder changesTimeout(Duration timeout) {
      this.changesTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Builds the feed. */
    public UnabatedFeed build() {
      return new UnabatedFeed(this);
    }
  }
}
