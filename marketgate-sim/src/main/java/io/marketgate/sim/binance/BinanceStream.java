package io.marketgate.sim.binance;

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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Binance's combined-stream WebSocket: streams named in the handshake ({@code /stream?streams=a/b})
 * or added with SUBSCRIBE, payloads wrapped as {@code {"stream","data"}}, {@code depthUpdate} diffs
 * and {@code bookTicker} tops, Ping frames, and the limit of 5 incoming messages a second. One
 * instance serves every connection; Undertow calls it on IO threads.
 */
final class BinanceStream implements WebSocketConnectionCallback {

  /*
   * Session state is guarded by the exchange's monitor: commands take it (exchange.atomically) and
   * step() calls onDiffs while holding it, so frames of one connection go out in update-id order.
   * Faults are drawn once per diff message on route "binance.ws.<SYMBOL>" (inject "binance.ws.*"
   * for any symbol): Disconnect closes the channel without a close frame, SequenceGap leaves that
   * diff out (the next one's U jumps), Freeze silences the connection for good (pings continue).
   * More than 5 incoming messages (text, ping or pong) within a second closes the connection, as
   * Binance does.
   */
  static final String ROUTE = "binance.ws";
  private static final System.Logger LOG = System.getLogger(BinanceStream.class.getName());
  private static final int MAX_INCOMING_PER_SECOND = 5;

  private final BinanceExchange exchange;
  private final FaultPlan faults;
  private final InstantSource clock;
  private final ScheduledExecutorService scheduler;
  private final long pingMillis;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  BinanceStream(
      BinanceExchange exchange,
      FaultPlan faults,
      InstantSource clock,
      ScheduledExecutorService scheduler,
      long pingMillis) {
    this.exchange = exchange;
    this.faults = faults;
    this.clock = clock;
    this.scheduler = scheduler;
    this.pingMillis = pingMillis;
  }

  @Override
  public void onConnect(WebSocketHttpExchange handshake, WebSocketChannel channel) {
    Session session = new Session(channel);
    List<String> named = handshake.getRequestParameters().getOrDefault("streams", List.of());
    exchange.atomically(
        () -> {
          for (String param : named) {
            for (String s : param.split("/")) {
              if (!s.isBlank()) {
                session.streams.add(s);
              }
            }
          }
          sessions.add(session);
          exchange.addListener(session);
        });
    session.pinger =
        scheduler.scheduleAtFixedRate(
            () ->
                WebSockets.sendPing(
                    ByteBuffer.wrap(
                        Long.toString(clock.millis()).getBytes(StandardCharsets.US_ASCII)),
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
                exchange.atomically(
                    () -> {
                      if (session.admit()) {
                        session.command(message.getData());
                      }
                    });
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

  private final class Session implements BinanceExchange.Listener {
    final WebSocketChannel channel;
    final Set<String> streams = new LinkedHashSet<>();
    final ArrayDeque<Long> incoming = new ArrayDeque<>();
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

    /** Counts one incoming message; more than 5 in a second drops the connection. */
    boolean admit() {
      long now = clock.millis();
      while (!incoming.isEmpty() && now - incoming.peekFirst() >= 1_000) {
        incoming.pollFirst();
      }
      incoming.addLast(now);
      if (incoming.size() > MAX_INCOMING_PER_SECOND) {
        LOG.log(Level.INFO, "binance sim: more than 5 incoming messages a second; closing");
        drop();
        return false;
      }
      return true;
    }

    @Override
    public void onDiffs(List<BinanceExchange.Diff> diffs, Map<String, BinanceExchange.Top> tops) {
      if (gone || frozen) {
        return;
      }
      for (BinanceExchange.Diff d : diffs) {
        String lower = d.symbol().toLowerCase(Locale.ROOT);
        String stream =
            streams.contains(lower + "@depth@100ms")
                ? lower + "@depth@100ms"
                : streams.contains(lower + "@depth") ? lower + "@depth" : null;
        if (stream != null && !diff(stream, d)) {
          return;
        }
        BinanceExchange.Top top = tops.get(d.symbol());
        if (top != null && streams.contains(lower + "@bookTicker")) {
          send(lower + "@bookTicker", ticker(d.symbol(), top));
        }
      }
    }

    /** Sends one diff unless a fault says otherwise; false when the connection is gone. */
    boolean diff(String stream, BinanceExchange.Diff d) {
      Optional<Fault> fault = faults.nextWebSocket(ROUTE + "." + d.symbol());
      if (fault.isPresent()) {
        switch (fault.get()) {
          case Fault.Disconnect x -> {
            drop();
            return false;
          }
          case Fault.Freeze x -> {
            frozen = true;
            return false;
          }
          case Fault.SequenceGap x -> {
            return true; // this diff is never sent
          }
          default -> {}
        }
      }
      ObjectNode data = Json.object();
      data.put("e", "depthUpdate");
      data.put("E", clock.millis());
      data.put("s", d.symbol());
      data.put("U", d.firstUpdateId());
      data.put("u", d.finalUpdateId());
      levels(data.putArray("b"), d.bids());
      levels(data.putArray("a"), d.asks());
      send(stream, data);
      return true;
    }

    void send(String stream, ObjectNode data) {
      if (gone || frozen) {
        return;
      }
      ObjectNode o = Json.object();
      o.put("stream", stream);
      o.set("data", data);
      WebSockets.sendText(o.toString(), channel, null);
    }

    void reply(ObjectNode o) {
      if (!gone && !frozen) {
        WebSockets.sendText(o.toString(), channel, null);
      }
    }

    void command(String text) {
      JsonNode cmd;
      try {
        cmd = Json.parse(text);
      } catch (IOException e) {
        error(Optional.empty(), 3, "Invalid JSON: expected value at line 1 column 1");
        return;
      }
      Optional<Long> id =
          cmd.path("id").canConvertToLong()
              ? Optional.of(cmd.path("id").asLong())
              : Optional.empty();
      String method = cmd.path("method").asText("");
      JsonNode params = cmd.path("params");
      switch (method) {
        case "SUBSCRIBE", "UNSUBSCRIBE" -> {
          if (!params.isArray()) {
            error(id, 2, "Invalid request: params must be an array of stream names");
            return;
          }
          for (JsonNode p : params) {
            if (method.equals("SUBSCRIBE")) {
              streams.add(p.asText());
            } else {
              streams.remove(p.asText());
            }
          }
          ObjectNode ok = Json.object();
          ok.putNull("result");
          id.ifPresentOrElse(i -> ok.put("id", i), () -> ok.putNull("id"));
          reply(ok);
        }
        case "LIST_SUBSCRIPTIONS" -> {
          ObjectNode ok = Json.object();
          ArrayNode result = ok.putArray("result");
          streams.forEach(result::add);
          id.ifPresentOrElse(i -> ok.put("id", i), () -> ok.putNull("id"));
          reply(ok);
        }
        default -> error(id, 2, "Invalid request: unknown method");
      }
    }

    void error(Optional<Long> id, int code, String msg) {
      ObjectNode o = Json.object();
      o.put("code", code);
      o.put("msg", msg);
      id.ifPresentOrElse(i -> o.put("id", i), () -> o.putNull("id"));
      reply(o);
    }
  }

  private static ObjectNode ticker(String symbol, BinanceExchange.Top top) {
    ObjectNode data = Json.object();
    data.put("u", top.updateId());
    data.put("s", symbol);
    data.put("b", top.bidTicks() == 0 ? "0.00000000" : BinanceExchange.priceText(top.bidTicks()));
    data.put("B", BinanceExchange.qtyText(top.bidQty()));
    data.put("a", top.askTicks() == 0 ? "0.00000000" : BinanceExchange.priceText(top.askTicks()));
    data.put("A", BinanceExchange.qtyText(top.askQty()));
    return data;
  }

  private static void levels(ArrayNode out, Map<Long, BigDecimal> levels) {
    levels.forEach(
        (ticks, qty) -> {
          ArrayNode pair = out.addArray();
          pair.add(BinanceExchange.priceText(ticks));
          pair.add(BinanceExchange.qtyText(qty));
        });
  }
}
