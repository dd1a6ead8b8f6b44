package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyedSnapshotStoreTest {

  private final ManualClock clock = new ManualClock();
  private final KeyedSnapshotStore<String, String> books =
      KeyedSnapshotStore.<String, String>builder("books").source("kalshi.ws").clock(clock).build();

  @Test
  void publish_createsKeyAndStampsSource() {
    Snapshot<String> s = books.publish("kalshi:KXNBAGAME-26JAN08MIACHI-MIA", "book");
    assertThat(s.source()).isEqualTo("kalshi.ws");
    assertThat(books.latest("kalshi:KXNBAGAME-26JAN08MIACHI-MIA")).contains(s);
    assertThat(books.latest("kalshi:other")).isEmpty();
    assertThat(books.find("kalshi:other")).isEmpty();
    assertThat(books.size()).isEqualTo(1);
  }

  @Test
  void version_changesOnPublishAddAndRemove_butNotOnReads() {
    long v0 = books.version();
    books.store("a");
    long v1 = books.version();
    books.publish("a", "x");
    long v2 = books.version();
    books.latest("a");
    books.keys();
    long v3 = books.version();
    books.remove("a");
    long v4 = books.version();

    assertThat(v1).isGreaterThan(v0);
    assertThat(v2).isGreaterThan(v1);
    assertThat(v3).isEqualTo(v2);
    assertThat(v4).isGreaterThan(v3);
  }

  @Test
  void store_calledTwice_returnsSameStoreAndBumpsVersionOnce() {
    SnapshotStore<String> first = books.store("a");
    long v = books.version();
    assertThat(books.store("a")).isSameAs(first);
    assertThat(books.version()).isEqualTo(v);
  }

  @Test
  void publishThroughPerKeyStore_alsoBumpsGlobalVersion() {
    SnapshotStore<String> s = books.store("a");
    long v = books.version();
    s.publish("x");
    s.markStale();
    assertThat(books.version()).isEqualTo(v + 2);
  }

  @Test
  void keysWithPrefix_isOrderedRangeScan() {
    for (String k :
        List.of(
            "kalshi:KXNBATOTAL-26JAN09TORBOS-220",
            "polymarket:123",
            "kalshi:KXNBAGAME-26JAN09TORBOS-TOR",
            "kalshi:KXNBAGAME-26JAN09TORBOS-BOS",
            "binance:BTCUSDT")) {
      books.publish(k, "v");
    }
    assertThat(books.keysWithPrefix("kalshi:KXNBAGAME-"))
        .containsExactly(
            "kalshi:KXNBAGAME-26JAN09TORBOS-BOS", "kalshi:KXNBAGAME-26JAN09TORBOS-TOR");
    assertThat(books.keysWithPrefix("kalshi:")).hasSize(3);
    assertThat(books.keysWithPrefix("")).hasSize(5);
    assertThat(books.keysWithPrefix("nothing")).isEmpty();
    assertThat(books.keys(k -> k.endsWith("T"))).containsExactly("binance:BTCUSDT");
  }

  @Test
  void removeIf_evictsByLatestSnapshot() {
    books.publish("old", "v");
    clock.advance(Duration.ofHours(3));
    books.publish("new", "v");
    books.store("empty");

    int removed =
        books.removeIf(
            (key, latest) ->
                latest.map(s -> s.age(clock).compareTo(Duration.ofHours(2)) > 0).orElse(true));

    assertThat(removed).isEqualTo(2);
    assertThat(books.keys()).containsExactly("new");
  }

  @Test
  void listener_seesEveryPublishOnWriterThread_andFailingListenerDoesNotBreakPublish() {
    List<String> seen = new ArrayList<>();
    books.addListener((k, s) -> seen.add(k + "#" + s.seq()));
    books.addListener(
        (k, s) -> {
          throw new IllegalStateException("boom");
        });

    books.publish("a", "1");
    books.publish("a", "2");
    books.publish("b", "1");

    assertThat(seen).containsExactly("a#1", "a#2", "b#1");
    assertThat(books.latest("a")).hasValueSatisfying(s -> assertThat(s.value()).isEqualTo("2"));
  }

  @Test
  void canonicalForm_customFunction_isUsedForOrderingAndPrefix() {
    record Key(String venue, String ticker) {}
    KeyedSnapshotStore<Key, String> s =
        KeyedSnapshotStore.<Key, String>builder("m")
            .canonicalForm(k -> k.venue() + ":" + k.ticker())
            .build();
    s.publish(new Key("kalshi", "B"), "v");
    s.publish(new Key("kalshi", "A"), "v");
    s.publish(new Key("binance", "Z"), "v");
    assertThat(s.keysWithPrefix("kalshi:"))
        .containsExactly(new Key("kalshi", "A"), new Key("kalshi", "B"));
  }

  @Test
  void nullOrEmptyCanonicalKey_isRejectedNamingStore() {
    assertThatThrownBy(() -> books.publish("", "v")).hasMessageContaining("books");
    assertThatThrownBy(() -> books.publish(null, "v")).isInstanceOf(NullPointerException.class);
  }
}
