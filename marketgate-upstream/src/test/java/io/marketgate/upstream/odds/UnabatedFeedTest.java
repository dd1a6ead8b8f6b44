package io.marketgate.upstream.odds;

import static io.marketgate.upstream.odds.LoopbackServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.BetSide;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.odds.LoopbackServer.Reply;
import io.marketgate.upstream.odds.LoopbackServer.Seen;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnabatedFeedTest {

  private static final String KEY = "unabated-KEY-fedcba9876543210";
  private static final String SNAPSHOT = "/v2/markets/gameOdds";
  private static final String CHANGES = "/v2/markets/changes";

  /** The cursor the snapshot takes from the bare changes route before it calls gameOdds. */
  private static final String CURSOR = "638712345678900000";

  private static final String CHANGES_AFTER_CURSOR = CHANGES + "/" + CURSOR;
  private static final String CHANGES_AFTER_FIRST = "/v2/markets/changes/638712345678901234";
  private static final Reply CURSOR_REPLY = Reply.json(fixture("unabated-changes-cursor.json"));
  private static final Instant NOW = Instant.parse("2026-01-09T21:30:00Z");

  private final LoopbackServer server = LoopbackServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private UnabatedFeed.Builder feed() {
    UpstreamClient client = UpstreamClient.builder("unabated", server.baseUri()).build();
    return UnabatedFeed.builder(client, KEY).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static OddsEvent event(UnabatedState state, String id) {
    return state.events().stream().filter(e -> e.key().id().equals(id)).findFirst().orElseThrow();
  }

  private static OddsLine line(OddsEvent event, String source, MarketType market) {
    return event.line(source, market).orElseThrow();
  }

  private static double american(OddsLine line, BetSide side) {
    return line.outcome(side).orElseThrow().price().american();
  }

  private static String stackTraceOf(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** A changes body without results: what the bare route answers when asked for a cursor. */
  private static String cursorBody(String timestamp) {
    return """
        {"lastTimestamp": %s, "resultCode": "Success", "results": []}
        """
        .formatted(timestamp);
  }

  /** A changes body with one result that moves the ms49 home (si1) moneyline. */
  private static String homeMoneylineChange(String timestamp, int price, String sequence) {
    return """
        {"lastTimestamp": %s, "resultCode": "Success", "results": [
          {"gameOdds": {"gameOddsEvents": {"lg3:pt1:pregame": [
            {"eventId": 123, "gameOddsMarketSourcesLines": {"si1:ms49:an0": {"bt1":
              {"marketSourceId": 49, "americanPrice": %d, "statusId": 1, "sequenceNumber": %s}}}}
          ]}}}]}
        """
        .formatted(timestamp, price, sequence);
  }

  @Test
  void current_beforeSnapshot_isEmpty() {
    UnabatedState state = feed().build().current();

    assertThat(state.events()).isEmpty();
    assertThat(state.lastTimestamp()).isEmpty();
    assertThat(state.snapshots()).isZero();
  }

  @Test
  void snapshot_sourcesLinesSpelling_mapsEventWithTeamsFromTable() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));

    UnabatedState state = feed().build().snapshot();

    assertThat(state.events())
        .as("the final event 200 is left out")
        .extracting(OddsEvent::key)
        .containsExactly(new EventKey(Venue.UNABATED, "123"));
    OddsEvent event = state.events().get(0);
    assertThat(event.league()).isEqualTo("nba");
    assertThat(event.start()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));
    assertThat(event.home())
        .isEqualTo(Team.withId("12", Optional.of("Boston Celtics"), Optional.of("BOS")));
    assertThat(event.away())
        .isEqualTo(Team.withId("11", Optional.of("Toronto Raptors"), Optional.of("TOR")));
    assertThat(state.snapshots()).isEqualTo(1);
    assertThat(state.malformedItems()).isZero();
    assertThat(state.rotationConflicts()).isZero();
    assertThat(state.lastTimestamp())
        .as("the snapshot carries no lastTimestamp: the cursor taken before it")
        .hasValue(CURSOR);
    assertThat(server.seen(CHANGES).get(0).query()).isEqualTo("x-api-key=" + KEY);
    assertThat(server.seen(SNAPSHOT).get(0).query()).isEqualTo("x-api-key=" + KEY);
  }

  @Test
  void snapshot_defaultConvention_mapsSideZeroToAwayAndOver() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));

    OddsEvent event = feed().build().snapshot().events().get(0);

    OddsLine ml = line(event, "49", MarketType.MONEYLINE);
    assertThat(ml.bookmaker().name()).isEqualTo("Unabated");
    assertThat(american(ml, BetSide.AWAY)).isEqualTo(132);
    assertThat(american(ml, BetSide.HOME)).isEqualTo(-148);
    assertThat(ml.updatedAt()).isEqualTo(Instant.parse("2026-01-09T20:00:03Z"));
    OddsLine spread = line(event, "49", MarketType.SPREAD);
    assertThat(spread.outcome(BetSide.AWAY).orElseThrow().points()).hasValue(4.5);
    assertThat(spread.outcome(BetSide.HOME).orElseThrow().points()).hasValue(-4.5);
    assertThat(spread.isTwoWay()).isTrue();
    OddsLine total = line(event, "49", MarketType.TOTAL);
    assertThat(american(total, BetSide.OVER)).isEqualTo(-105);
    assertThat(american(total, BetSide.UNDER)).isEqualTo(-115);
    assertThat(total.outcome(BetSide.OVER).orElseThrow().points()).hasValue(227.5);
  }

  @Test
  void snapshot_homeFirstConvention_mapsSideZeroToHomeAndFlagsRotation() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));

    UnabatedState state =
        feed().sideConvention(UnabatedSideConvention.HOME_FIRST).build().snapshot();

    OddsEvent event = state.events().get(0);
    assertThat(event.home().label()).isEqualTo("Toronto Raptors");
    assertThat(event.away().label()).isEqualTo("Boston Celtics");
    OddsLine ml = line(event, "49", MarketType.MONEYLINE);
    assertThat(american(ml, BetSide.HOME)).isEqualTo(132);
    assertThat(american(ml, BetSide.AWAY)).isEqualTo(-148);
    OddsLine total = line(event, "49", MarketType.TOTAL);
    assertThat(american(total, BetSide.OVER))
        .as("totals do not depend on the convention")
        .isEqualTo(-105);
    assertThat(state.rotationConflicts()).isEqualTo(1);
  }

  @Test
  void snapshot_unavailableLine_isSkippedAndDeprecatedPriceIsFallback() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));

    OddsEvent event = feed().build().snapshot().events().get(0);

    OddsLine pinnacle = line(event, "70", MarketType.MONEYLINE);
    assertThat(pinnacle.bookmaker().name()).isEqualTo("Pinnacle-3838");
    assertThat(pinnacle.outcome(BetSide.AWAY)).as("statusId 2").isEmpty();
    assertThat(american(pinnacle, BetSide.HOME)).isEqualTo(-160);
    assertThat(pinnacle.updatedAt()).as("no modifiedOn: time received").isEqualTo(NOW);
  }

  @Test
  void snapshot_alternatesOtherPeriodsAndTeamTotals_areIgnored() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));

    UnabatedState state = feed().build().snapshot();

    OddsEvent event = state.events().get(0);
    assertThat(line(event, "49", MarketType.SPREAD).outcome(BetSide.AWAY).orElseThrow().points())
        .as("an1 is ignored")
        .hasValue(4.5);
    assertThat(american(line(event, "49", MarketType.MONEYLINE), BetSide.HOME))
        .as("pt2 (first half) is ignored")
        .isEqualTo(-148);
    assertThat(event.lines()).hasSize(4);
    assertThat(state.malformedItems()).isZero();
  }

  @Test
  void snapshot_sourceLinesSpelling_readsLinesStringNumbersAndZonelessStart() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot-source-lines.json")));

    UnabatedState state = feed().build().snapshot();

    OddsEvent event = event(state, "123");
    assertThat(event.start()).isEqualTo(Instant.parse("2026-01-10T00:00:00Z"));
    assertThat(event.home().abbreviation()).hasValue("BOS");
    OddsLine ml = line(event, "49", MarketType.MONEYLINE);
    assertThat(american(ml, BetSide.AWAY)).isEqualTo(150);
    assertThat(american(ml, BetSide.HOME)).isEqualTo(-170);
    assertThat(ml.bookmaker().name()).isEqualTo("Unabated");
  }

  @Test
  void snapshot_malformedLines_areSkippedAndCounted() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(
            SNAPSHOT,
            Reply.json(
                """
            {"gameOddsEvents": {"lg3:pt1:pregame": [{"eventId": 7, "eventStart": "2026-01-10T00:00:00Z",
              "eventTeams": {"0": {"id": 11}, "1": {"id": 12}},
              "gameOddsMarketSourcesLines": {
                "si0:ms49:an0": {"bt1": {"americanPrice": 50, "statusId": 1},
                                 "bt2": {"americanPrice": -110, "statusId": 1}},
                "si1:ms49:an0": {"bt1": {"americanPrice": -120, "statusId": 1, "sequenceNumber": 1.5}},
                "si2:ms49:an0": {"bt1": {"americanPrice": -110, "statusId": 1}},
                "si1:ms49:an0:x": {"bt1": {"americanPrice": -110}}
              }},
              {"eventStart": "2026-01-10T00:00:00Z"}]}}
            """));

    UnabatedState state = feed().build().snapshot();

    assertThat(state.malformedItems()).isEqualTo(6);
    assertThat(event(state, "7").lines()).isEmpty();
  }

  @Test
  void snapshot_noAmericanPrice_readsSourcePriceBySourceFormat() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(
            SNAPSHOT,
            Reply.json(
                """
            {"gameOddsEvents": {"lg3:pt1:live": [{"eventId": 8, "eventStart": "2026-01-10T00:00:00Z",
              "statusId": 2, "eventTeams": {"0": {"id": 11}, "1": {"id": 12}},
              "gameOddsMarketSourcesLines": {
                "si0:ms7:an0": {"bt1": {"americanPrice": 0, "sourcePrice": 2.5, "sourceFormat": 2}},
                "si1:ms7:an0": {"bt1": {"sourcePrice": "60", "sourceFormat": 3}}
              }}]}}
            """));

    OddsLine ml = line(event(feed().build().snapshot(), "8"), "7", MarketType.MONEYLINE);

    assertThat(ml.bookmaker().name()).isEqualTo("Sharp Book Price");
    assertThat(ml.outcome(BetSide.AWAY).orElseThrow().price().decimal()).isEqualTo(2.5);
    assertThat(ml.outcome(BetSide.HOME).orElseThrow().price().impliedProbability())
        .isCloseTo(0.6, within(1e-12));
  }

  @Test
  void snapshot_cursorTakenBeforeSnapshot_changeAfterCursorAppliedOnFirstPoll() {
    // The cursor call's results are older than the snapshot and are not applied; this one would
    // win over the snapshot's line (sequence above it) if they were.
    server
        .on(CHANGES, Reply.json(homeMoneylineChange(CURSOR, -190, "9007199254740999")))
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(
            CHANGES_AFTER_CURSOR,
            Reply.json(homeMoneylineChange("638712345678901234", -140, "9007199254740993")));
    UnabatedFeed feed = feed().build();

    UnabatedState snapped = feed.snapshot();

    assertThat(server.seen()).extracting(Seen::path).containsExactly(CHANGES, SNAPSHOT);
    assertThat(server.seen(CHANGES).get(0).query()).isEqualTo("x-api-key=" + KEY);
    assertThat(snapped.lastTimestamp()).hasValue(CURSOR);
    assertThat(american(line(snapped.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .as("the cursor call's results are not applied")
        .isEqualTo(-148);

    UnabatedState polled = feed.poll();

    assertThat(server.seen())
        .extracting(Seen::path)
        .as("the first poll asks for the changes after the cursor, never for all retained ones")
        .containsExactly(CHANGES, SNAPSHOT, CHANGES_AFTER_CURSOR);
    assertThat(american(line(polled.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-140);
    assertThat(polled.lastTimestamp()).hasValue("638712345678901234");
    assertThat(polled.snapshots()).isEqualTo(1);
  }

  @Test
  void snapshot_bodyCarriesItsOwnLastTimestamp_firstPollUsesItNotTheEarlierCursor() {
    String own = "638712345678955555";
    // The fixture with a lastTimestamp of its own as the first field of the top-level object.
    String snapshot =
        fixture("unabated-snapshot.json").replaceFirst("\\{", "{\"lastTimestamp\": " + own + ",");
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(snapshot))
        .on(
            CHANGES + "/" + own,
            Reply.json(homeMoneylineChange("638712345678956666", -140, "9007199254740993")))
        .on(
            CHANGES_AFTER_CURSOR,
            Reply.json(homeMoneylineChange("638712345678956666", -190, "9007199254740993")));
    UnabatedFeed feed = feed().build();

    UnabatedState snapped = feed.snapshot();
    UnabatedState polled = feed.poll();

    assertThat(snapped.lastTimestamp()).hasValue(own);
    assertThat(server.seen())
        .extracting(Seen::path)
        .containsExactly(CHANGES, SNAPSHOT, CHANGES + "/" + own);
    assertThat(american(line(polled.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-140);
    assertThat(polled.lastTimestamp()).hasValue("638712345678956666");
  }

  @Test
  void poll_changeAlreadyInSnapshotSeenAgainAfterCursor_doesNotOverwriteIt() {
    // A change made between the cursor call and the snapshot comes back on the first poll; the
    // snapshot already holds a newer line (sequence 2^53), so the replay changes nothing.
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(
            CHANGES_AFTER_CURSOR,
            Reply.json(homeMoneylineChange("638712345678901234", -150, "9007199254740991")));
    UnabatedFeed feed = feed().build();
    feed.snapshot();

    UnabatedState state = feed.poll();

    assertThat(american(line(state.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-148);
    assertThat(state.lastTimestamp()).hasValue("638712345678901234");
  }

  @Test
  void snapshot_cursorCallFails_throwsWithoutCallingGameOddsAndKeepsState() {
    server
        .on(CHANGES, new Reply(503, Map.of(), "{}"))
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")));
    UnabatedFeed feed = feed().build();
    UnabatedState before = feed.current();

    UpstreamException e = catchThrowableOfType(UpstreamException.class, feed::snapshot);

    assertThat(e.endpoint()).isEqualTo(UnabatedFeed.CHANGES_ENDPOINT);
    assertThat(e.outcome()).isEqualTo(Outcome.SERVER_ERROR);
    assertThat(server.seen(SNAPSHOT)).isEmpty();
    assertThat(feed.current()).isSameAs(before);
  }

  @Test
  void poll_firstChanges_appliedOldestToNewest() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-first.json")));
    UnabatedFeed feed = feed().build();

    feed.poll();
    UnabatedState state = feed.poll();

    assertThat(american(line(state.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-155);
    assertThat(state.lastTimestamp()).hasValue("638712345678901234");
    assertThat(server.seen(CHANGES)).as("only the snapshot's cursor call").hasSize(1);
    assertThat(server.seen(CHANGES_AFTER_CURSOR)).hasSize(1);
    assertThat(server.seen(CHANGES_AFTER_CURSOR).get(0).query()).isEqualTo("x-api-key=" + KEY);
  }

  @Test
  void poll_sequenceOneAbove2pow53_isNewerThan2pow53() {
    // 2^53 + 1 rounds to 2^53 as a double: only an exact int64 compare sees it as newer.
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(homeMoneylineChange("1", -150, "9007199254740993")));
    UnabatedFeed feed = feed().build();
    feed.snapshot();

    UnabatedState state = feed.poll();

    assertThat(american(line(state.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-150);
  }

  @Test
  void poll_staleOlderChange_isIgnoredWhileNewerOnesApply() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-first.json")))
        .on(CHANGES_AFTER_FIRST, Reply.json(fixture("unabated-changes-second.json")));
    UnabatedFeed feed = feed().build();
    feed.poll();
    feed.poll();

    UnabatedState state = feed.poll();

    OddsEvent game = event(state, "123");
    assertThat(american(line(game, "49", MarketType.MONEYLINE), BetSide.HOME))
        .as("sequence 2^53+2 is older than the stored 2^53+3")
        .isEqualTo(-155);
    assertThat(line(game, "49", MarketType.SPREAD).outcome(BetSide.AWAY))
        .as("a newer unavailable line removes the side")
        .isEmpty();
    assertThat(game.start()).isEqualTo(Instant.parse("2026-01-10T00:30:00Z"));
    assertThat(state.lastTimestamp()).hasValue("638712345678905678");
    assertThat(server.seen(CHANGES_AFTER_FIRST)).hasSize(1);
  }

  @Test
  void poll_newEventInChanges_isAddedWithTeamsFromTable() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-first.json")))
        .on(CHANGES_AFTER_FIRST, Reply.json(fixture("unabated-changes-second.json")));
    UnabatedFeed feed = feed().build();
    feed.poll();
    feed.poll();

    UnabatedState state = feed.poll();

    assertThat(state.events()).extracting(e -> e.key().id()).containsExactly("123", "124");
    OddsEvent added = event(state, "124");
    assertThat(added.home().label()).isEqualTo("Chicago Bulls");
    assertThat(line(added, "49", MarketType.TOTAL).isTwoWay()).isTrue();
  }

  @Test
  void poll_staleOlderChangeWithoutNewerInBetween_neverOverwrites() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(homeMoneylineChange("5", -150, "9007199254740993")))
        .on(CHANGES + "/5", Reply.json(homeMoneylineChange("6", -130, "9007199254740992")));
    UnabatedFeed feed = feed().build();
    feed.poll();
    feed.poll();

    UnabatedState state = feed.poll();

    assertThat(american(line(state.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-150);
    assertThat(state.lastTimestamp()).hasValue("6");
  }

  @Test
  void poll_resultCodeFailed_takesNewSnapshotAndRestartsChanges() {
    String secondCursor = "638712345678907777";
    server
        .on(CHANGES, CURSOR_REPLY, Reply.json(cursorBody(secondCursor)))
        .on(CHANGES + "/" + secondCursor, Reply.json(fixture("unabated-changes-first.json")))
        .on(
            SNAPSHOT,
            Reply.json(fixture("unabated-snapshot.json")),
            Reply.json(fixture("unabated-snapshot-source-lines.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-first.json")))
        .on(CHANGES_AFTER_FIRST, Reply.json(fixture("unabated-changes-failed.json")));
    UnabatedFeed feed = feed().build();
    feed.poll();
    feed.poll();

    UnabatedState state = feed.poll();

    assertThat(server.seen(SNAPSHOT)).hasSize(2);
    assertThat(server.seen(CHANGES)).as("one cursor call per snapshot").hasSize(2);
    assertThat(state.snapshots()).isEqualTo(2);
    assertThat(state.lastTimestamp())
        .as("the stale cursor is dropped for the re-snapshot's own")
        .hasValue(secondCursor);
    assertThat(american(line(state.events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-170);
    feed.poll();
    assertThat(server.seen(CHANGES + "/" + secondCursor)).hasSize(1);
    assertThat(server.seen(CHANGES)).hasSize(2);
    assertThat(server.seen(CHANGES_AFTER_CURSOR)).hasSize(1);
  }

  @Test
  void poll_resnapshotFails_retriesSnapshotOnNextPoll() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(
            SNAPSHOT,
            Reply.json(fixture("unabated-snapshot.json")),
            new Reply(503, Map.of(), "{}"),
            Reply.json(fixture("unabated-snapshot-source-lines.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-failed.json")));
    UnabatedFeed feed = feed().build();
    feed.poll();

    assertThatThrownBy(feed::poll)
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.SERVER_ERROR));
    assertThat(feed.current().snapshots()).as("old state kept").isEqualTo(1);
    UnabatedState state = feed.poll();

    assertThat(server.seen(SNAPSHOT)).hasSize(3);
    assertThat(server.seen(CHANGES)).as("one cursor call per snapshot attempt").hasSize(3);
    assertThat(server.seen(CHANGES_AFTER_CURSOR)).hasSize(1);
    assertThat(state.snapshots()).isEqualTo(2);
  }

  @Test
  void poll_unknownResultCode_throwsMalformedAndKeepsState() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(
            CHANGES_AFTER_CURSOR,
            Reply.json("{\"lastTimestamp\": 9, \"resultCode\": \"Maybe\", \"results\": []}"));
    UnabatedFeed feed = feed().build();
    UnabatedState before = feed.poll();

    UpstreamException thrown = catchThrowableOfType(UpstreamException.class, feed::poll);

    assertThat(thrown.endpoint()).isEqualTo("unabated.changes");
    assertThat(thrown.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(thrown).hasMessageContaining("resultCode is \"Maybe\"");
    assertThat(feed.current()).isSameAs(before);
  }

  @Test
  void snapshot_unauthorized_throwsWithoutKey() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, new Reply(401, Map.of(), "{\"message\":\"bad key " + KEY + "\"}"));

    UpstreamException e = catchThrowableOfType(UpstreamException.class, feed().build()::snapshot);

    assertThat(e.endpoint()).isEqualTo("unabated.snapshot");
    assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(stackTraceOf(e)).doesNotContain(KEY);
  }

  @Test
  void snapshot_bodyNotAnObject_throwsMalformedNamingEndpoint() {
    server.on(CHANGES, CURSOR_REPLY).on(SNAPSHOT, Reply.json("[]"));

    assertThatThrownBy(feed().build()::snapshot)
        .isInstanceOf(UpstreamException.class)
        .hasMessage("unabated.snapshot: expected a JSON object but got array");
  }

  @Test
  void snapshot_serverGone_exceptionHasNoKey() {
    UnabatedFeed feed = feed().build();
    server.close();

    UpstreamException e = catchThrowableOfType(UpstreamException.class, feed::snapshot);

    assertThat(stackTraceOf(e)).doesNotContain(KEY);
    assertThat(feed.toString()).doesNotContain(KEY);
  }

  @Test
  void current_pollingOnAnotherThread_publishesStateToReaders() {
    server
        .on(CHANGES, CURSOR_REPLY)
        .on(SNAPSHOT, Reply.json(fixture("unabated-snapshot.json")))
        .on(CHANGES_AFTER_CURSOR, Reply.json(fixture("unabated-changes-first.json")));
    UnabatedFeed feed = feed().build();
    ExecutorService poller = Executors.newSingleThreadExecutor();
    try {
      poller.submit(feed::poll);
      poller.submit(feed::poll);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(feed.current().lastTimestamp()).hasValue("638712345678901234"));
    } finally {
      poller.shutdownNow();
    }
    assertThat(
            american(
                line(feed.current().events().get(0), "49", MarketType.MONEYLINE), BetSide.HOME))
        .isEqualTo(-155);
  }
}
