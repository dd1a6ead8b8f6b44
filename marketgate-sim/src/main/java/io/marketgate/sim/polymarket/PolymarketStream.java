package io.marketgate.sim.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.http.Json;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polymarket's market channel: a subscription message of {@code assets_ids} (with {@code
 * initial_dump} for a first {@code book} per asset), then {@code price_change}, {@code
 * last_trade_price}, {@code book} after trades and, with {@code custom_feature_enabled}, {@code
 * best_bid_ask}; the text {@code PING} is answered {@code PONG}. One instance serves every
 * connection; Undertow calls it on IO threads.
 */
final class PolymarketStream implements WebSocketConnectionCallback {

  /*
   * Session state is guarded by the exchange's monitor: messages take it (exchange.atomically) and
   * step() calls onUpdates while holding it, so an initial dump and the updates after it never
   * overlap or miss. Faults on route "polymarket.ws" are drawn once per data message: Disconnect
   * closes the channel without a close frame; Freeze silences data for good while PING is still
   * answered (the silent freeze of py-clob-client#292); SequenceGap loses that one message (the
   * market channel has no sequence numbers, so a lost message is invisible on the wire). The
   * initial dump is one JSON array of book events.
   */
  static final String ROUTE = "polymarket.ws";
  private static final System.Logger LOG = System.getLogger(PolymarketStream.class.getName());

  private final PolymarketExchange exchange;
  private final PolymarketWire wire;
  private final FaultPlan faults;
  private final InstantSource clock;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  PolymarketStream(
      PolymarketExchange exchange, PolymarketWire wire, FaultPlan faults, InstantSource clock) {
    this.exchange = exchange;
    this.wire = wire;
    this.faults = faults;
    this.clock = clock;
  }

  @Override
  public void onConnect(WebSocketHttpExchange handshake, WebSocketChannel channel) {
    Session session = new Session(channel);
    sessions.add(session);
    exchange.addListener(session);
    channel.addCloseTask(ch -> session.closed());
    channel
        .getReceiveSetter()
        .set(
            new AbstractReceiveListener() {
              @Override
              protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                exchange.atomically(() -> session.message(message.getData()));
              }
            });
    channel.resumeReceives();
  }

  /** The number of open connections. */
  int connections() {
    return sessions.size();
  }

  /** Closes every open connection abruptly. */
  void disconnectAll() {
    exchange.atomically(() -> List.copyOf(sessions).forEach(Session::drop));
  }

  private final class Session implements PolymarketExchange.Listener {
    final WebSocketChannel channel;
    final Set<String> assets = new LinkedHashSet<>();
    boolean custom;
    boolean frozen;
    boolean gone;

    Session(WebSocketChannel channel) {
      this.channel = channel;
    }

    void closed() {
      exchange.removeListener(this);
      sessions.remove(this);
      gone = true;
    }

    void drop() {
      closed();
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing a WebSocket failed", e);
      }
    }

    void message(String text) {
      if (text.strip().equals("PING")) {
        if (!gone) {
          WebSockets.sendText("PONG", channel, null);
        }
        return;
      }
      JsonNode m;
      try {
        m = Json.parse(text);
      } catch (IOException e) {
        return;
      }
      JsonNode ids = m.path("assets_ids");
      if (!ids.isArray()) {
        return;
      }
      String operation = m.path("operation").asText("subscribe");
      List<String> fresh = new ArrayList<>();
      for (JsonNode id : ids) {
        String a = id.asText();
        if (operation.equals("unsubscribe")) {
          assets.remove(a);
        } else if (exchange.has(a) && assets.add(a)) {
          fresh.add(a);
        }
      }
      if (m.has("custom_feature_enabled")) {
        custom = m.path("custom_feature_enabled").asBoolean(false);
      }
      if (m.path("initial_dump").asBoolean(false) && !fresh.isEmpty()) {
        long ms = clock.millis();
        ArrayNode dump = Json.array();
        for (String a : fresh) {
          dump.add(wire.book(exchange, a, ms, true));
        }
        data(dump.toString());
      }
    }

    @Override
    public void onUpdates(List<PolymarketExchange.Update> updates) {
      long ms = clock.millis();
      for (PolymarketExchange.Update u : updates) {
        if (!assets.contains(u.assetId())) {
          continue;
        }
        data(wire.priceChange(u, ms).toString());
        if (custom) {
          data(PolymarketWire.bestBidAsk(u, ms).toString());
        }
        Optional<PolymarketExchange.Trade> t = u.trade();
        if (t.isPresent()) {
          data(PolymarketWire.lastTrade(u, t.get(), ms).toString());
          data(wire.book(exchange, u.assetId(), ms, true).toString());
        }
      }
    }

    void data(String text) {
      if (gone || frozen) {
        return;
      }
      Optional<Fault> fault = faults.nextWebSocket(ROUTE);
      if (fault.isPresent()) {
        switch (fault.get()) {
          case Fault.Disconnect d -> {
            drop();
            return;
          }
          case Fault.Freeze f -> {
            frozen = true;
            return;
          }
          case Fault.SequenceGap g -> {
            return;
          }
          default -> {}
        }
      }
      WebSockets.sendText(text, channel, null);
    }
  }
}
