package io.marketgate.sim.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kalshi's WebSocket v2: subscribe / unsubscribe / update_subscription commands, the
 * orderbook_delta channel (a snapshot per ticker, then deltas with a per-sid seq) and Ping frames.
 * One instance serves every connection; Undertow calls it on IO threads.
 */
final class KalshiStream implements WebSocketConnectionCallback {

  /*
   * All session state is guarded by the exchange's monitor: commands take it (through
   * exchange.atomically) and step() calls onDeltas while holding it, so a new subscription's
   * snapshot and the deltas that follow never overlap or miss, and frames of one connection are
   * queued in the order their seq numbers were given. Sends are non-blocking (Undertow queues the
   * frame), so holding the monitor while sending is cheap. Faults on route "kalshi.ws" are drawn
   * once per data message (snapshot or delta): Disconnect closes the channel without a close
   * frame, SequenceGap skips one seq of that subscription, Freeze silences the connection for good
   * (pings continue). sids come from one counter, so they change on reconnect.
   */
  static final String ROUTE = "kalshi.ws";
  private static final System.Logger LOG = System.getLogger(KalshiStream.class.getName());
  private static final Set<String> CHANNELS =
      Set.of(
          "orderbook_delta",
          "ticker",
          "ticker_v2",
          "trade",
          "market_lifecycle_v2",
          "event_lifecycle",
          "multivariate",
          "multivariate_market_lifecycle",
          "fill",
          "user_orders",
          "market_positions",
          "communications",
          "order_group_updates");

  private final KalshiExchange exchange;
  private final KalshiJson json;
  private final FaultPlan faults;
  private final InstantSource clock;
  private final ScheduledExecutorService scheduler;
  private final long pingMillis;
  private final AtomicLong sids = new AtomicLong();
  private final Set<Session> sessions = java.util.concurrent.ConcurrentHashMap.newKeySet();

  KalshiStream(
      KalshiExchange exchange,
      KalshiJson json,
      FaultPlan faults,
      InstantSource clock,
      ScheduledExecutorService scheduler,
      long pingMillis) {
    this.exchange = exchange;
    this.json = json;
    this.faults = faults;
    this.clock = clock;
    this.scheduler = scheduler;
    this.pingMillis = pingMillis;
  }

  @Override
  public void onConnect(WebSocketHttpExchange handshake, WebSocketChannel channel) {
    Session session = new Session(channel);
    sessions.add(session);
    exchange.addListener(session);
    session.pinger =
        scheduler.scheduleAtFixedRate(
            () ->
                WebSockets.sendPing(
                    ByteBuffer.wrap("heartbeat".getBytes(StandardCharsets.US_ASCII)),
                    channel,
                    null),
            pingMillis,
            pingMillis,
            TimeUnit.MILLISECONDS);
    channel.addCloseTask(ch -> session.closed());
    channel
        .getReceiveSetter()
        .set(
            new AbstractReceiveListener() {
              @Override
              protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                exchange.atomically(() -> session.command(message.getData()));
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

  private static final class Subscription {
    final long sid;
    final String channel;
    final Set<String> tickers = new LinkedHashSet<>();
    long seq;

    Subscription(long sid, String channel) {
      this.sid = sid;
      this.channel = channel;
    }
  }

  private final class Session implements KalshiExchange.Listener {
    final WebSocketChannel channel;
    final Map<Long, Subscription> subs = new LinkedHashMap<>();
    ScheduledFuture<?> pinger;
    boolean frozen;
    boolean gone;

    Session(WebSocketChannel channel) {
      this.channel = channel;
    }

    void closed() {
      exchange.removeListener(this);
      sessions.remove(this);
      gone = true;
      if (pinger != null) {
        pinger.cancel(false);
      }
    }

    void drop() {
      closed();
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing a WebSocket failed", e);
      }
    }

    @Override
    public void onDeltas(List<KalshiExchange.BookDelta> deltas) {
      long ts = clock.millis();
      for (Subscription sub : List.copyOf(subs.values())) {
        if (!sub.channel.equals("orderbook_delta")) {
          continue;
        }
        for (KalshiExchange.BookDelta d : deltas) {
          if (sub.tickers.contains(d.ticker())) {
            data(sub, "orderbook_delta", json.deltaMessage(d, ts));
          }
        }
      }
    }

    void snapshot(Subscription sub, String ticker) {
      exchange
          .view(ticker)
          .ifPresent(book -> data(sub, "orderbook_snapshot", json.snapshotMessage(ticker, book)));
    }

    void data(Subscription sub, String type, ObjectNode msg) {
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
          case Fault.SequenceGap g -> sub.seq++;
          default -> {}
        }
      }
      ObjectNode o = Json.object();
      o.put("type", type);
      o.put("sid", sub.sid);
      o.put("seq", ++sub.seq);
      o.set("msg", msg);
      send(o);
    }

    void send(ObjectNode o) {
      if (!gone && !frozen) {
        WebSockets.sendText(o.toString(), channel, null);
      }
    }

    void command(String text) {
      JsonNode cmd;
      try {
        cmd = Json.parse(text);
      } catch (IOException e) {
        error(Optional.empty(), 1, "Unable to process message");
        return;
      }
      Optional<Long> id =
          cmd.path("id").canConvertToLong()
              ? Optional.of(cmd.path("id").asLong())
              : Optional.empty();
      String name = cmd.path("cmd").asText("");
      JsonNode params = cmd.path("params");
      switch (name) {
        case "subscribe" -> subscribe(id, params);
        case "unsubscribe" -> unsubscribe(id, params);
        case "update_subscription" -> update(id, params);
        default -> error(id, 5, "Unknown command");
      }
    }

    void subscribe(Optional<Long> id, JsonNode params) {
      if (!params.isObject()) {
        error(id, 2, "Params required");
        return;
      }
      JsonNode channels = params.path("channels");
      if (!channels.isArray() || channels.isEmpty()) {
        error(id, 3, "Channels required");
        return;
      }
      List<String> names = new ArrayList<>();
      for (JsonNode c : channels) {
        if (!CHANNELS.contains(c.asText())) {
          error(id, 8, "Unknown channel name");
          return;
        }
        names.add(c.asText());
      }
      List<String> tickers = tickers(params);
      if (names.contains("orderbook_delta")) {
        if (tickers.isEmpty()) {
          error(id, 14, "Market ticker required");
          return;
        }
        if (!known(id, tickers)) {
          return;
        }
      }
      for (String channelName : names) {
        Subscription sub = new Subscription(sids.incrementAndGet(), channelName);
        sub.tickers.addAll(tickers);
        subs.put(sub.sid, sub);
        ObjectNode ack = reply(id, "subscribed");
        ObjectNode msg = ack.putObject("msg");
        msg.put("channel", channelName);
        msg.put("sid", sub.sid);
        send(ack);
        if (channelName.equals("orderbook_delta")) {
          for (String t : sub.tickers) {
            snapshot(sub, t);
          }
        }
      }
    }

    void unsubscribe(Optional<Long> id, JsonNode params) {
      JsonNode sidsNode = params.path("sids");
      if (!params.isObject()) {
        error(id, 2, "Params required");
        return;
      }
      if (!sidsNode.isArray() || sidsNode.isEmpty()) {
        error(id, 4, "sids required");
        return;
      }
      for (JsonNode s : sidsNode) {
        if (!subs.containsKey(s.asLong())) {
          error(id, 7, "Unknown sid");
          return;
        }
      }
      for (JsonNode s : sidsNode) {
        subs.remove(s.asLong());
        ObjectNode ack = reply(id, "unsubscribed");
        ack.put("sid", s.asLong());
        send(ack);
      }
    }

    void update(Optional<Long> id, JsonNode params) {
      if (!params.isObject()) {
        error(id, 2, "Params required");
        return;
      }
      long sid;
      if (params.path("sid").canConvertToLong()) {
        sid = params.path("sid").asLong();
      } else if (params.path("sids").isArray() && params.path("sids").size() == 1) {
        sid = params.path("sids").get(0).asLong();
      } else {
        error(id, 12, "Exactly one sid required");
        return;
      }
      Subscription sub = subs.get(sid);
      if (sub == null) {
        error(id, 7, "Unknown sid");
        return;
      }
      String action = params.path("action").asText("");
      if (action.isEmpty()) {
        error(id, 15, "Action required");
        return;
      }
      List<String> tickers = tickers(params);
      switch (action) {
        case "add_markets", "delete_markets" -> {
          if (tickers.isEmpty()) {
            error(id, 14, "Market ticker required");
            return;
          }
          if (!known(id, tickers)) {
            return;
          }
        }
        case "get_snapshot" -> {
          if (!known(id, tickers)) {
            return;
          }
        }
        default -> {
          error(id, 13, "Unsupported action");
          return;
        }
      }
      List<String> fresh = new ArrayList<>();
      if (action.equals("add_markets")) {
        for (String t : tickers) {
          if (sub.tickers.add(t)) {
            fresh.add(t);
          }
        }
      } else if (action.equals("delete_markets")) {
        tickers.forEach(sub.tickers::remove);
      } else {
        fresh.addAll(tickers.isEmpty() ? sub.tickers : tickers);
      }
      ObjectNode ok = reply(id, "ok");
      ok.put("sid", sid);
      ArrayNode list = ok.putObject("msg").putArray("market_tickers");
      sub.tickers.forEach(list::add);
      send(ok);
      if (sub.channel.equals("orderbook_delta")) {
        for (String t : fresh) {
          snapshot(sub, t);
        }
      }
    }

    boolean known(Optional<Long> id, List<String> tickers) {
      for (String t : tickers) {
        if (exchange.catalog().market(t).isEmpty()) {
          error(id, 16, "Market not found");
          return false;
        }
      }
      return true;
    }

    List<String> tickers(JsonNode params) {
      List<String> out = new ArrayList<>();
      if (params.path("market_ticker").isTextual()) {
        out.add(params.path("market_ticker").asText());
      }
      for (JsonNode t : params.path("market_tickers")) {
        out.add(t.asText());
      }
      return out;
    }

    ObjectNode reply(Optional<Long> id, String type) {
      ObjectNode o = Json.object();
      id.ifPresent(i -> o.put("id", i));
      o.put("type", type);
      return o;
    }

    void error(Optional<Long> id, int code, String text) {
      ObjectNode o = reply(id, "error");
      ObjectNode msg = o.putObject("msg");
      msg.put("code", code);
      msg.put("msg", text);
      send(o);
    }
  }
}
