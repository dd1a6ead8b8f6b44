package io.marketgate.upstream.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A loopback Kalshi WebSocket v2 server: acks every subscribe with a new sid, then sends one {@code
 * orderbook_snapshot} per ticker (seq 1); the test scripts deltas, gaps, pings and drops.
 */
final class FakeKalshiWs implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Undertow server;
  private final AtomicInteger nextSid = new AtomicInteger();
  private final Map<String, Integer> sidOf = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicLong> seqOf = new ConcurrentHashMap<>();
  private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> handshakes = new CopyOnWriteArrayList<>();
  private final AtomicInteger pongs = new AtomicInteger();
  private final Set<String> rejected = ConcurrentHashMap.newKeySet();
  private volatile WebSocketChannel channel;
  private volatile Function<String, String> snapshotBody = t -> "\"yes_dollars_fp\":[]";

  FakeKalshiWs() {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                Handlers.path()
                    .addPrefixPath(
                        "/trade-api/ws/v2",
                        Handlers.websocket(
                            (exchange, ch) -> {
                              handshakes.add(Map.copyOf(exchange.getRequestHeaders()));
                              channel = ch;
                              ch.getReceiveSetter().set(new Receiver());
                              ch.resumeReceives();
                            })))
            .build();
    server.start();
  }

  private final class Receiver extends AbstractReceiveListener {
    @Override
    protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message)
        throws IOException {
      JsonNode cmd = JSON.readTree(message.getData());
      commands.add(cmd);
      if (!"subscribe".equals(cmd.path("cmd").asText())) {
        return;
      }
      long id = cmd.path("id").asLong();
      JsonNode tickers = cmd.path("params").path("market_tickers");
      if (tickers.size() > 0 && rejected.contains(tickers.get(0).asText())) {
        send(
            ch,
            "{\"id\":"
                + id
                + ",\"type\":\"error\",\"msg\":{\"code\":16,\"msg\":\"Market not found\"}}");
        return;
      }
      int sid = nextSid.incrementAndGet();
      seqOf.put(sid, new AtomicLong());
      send(
          ch,
          "{\"id\":"
              + id
              + ",\"type\":\"subscribed\",\"msg\":{\"channel\":\"orderbook_delta\",\"sid\":"
              + sid
              + "}}");
      for (JsonNode t : tickers) {
        sidOf.put(t.asText(), sid);
        send(
            ch,
            "{\"type\":\"orderbook_snapshot\",\"sid\":"
                + sid
                + ",\"seq\":"
                + seqOf.get(sid).incrementAndGet()
                + ",\"msg\":{\"market_ticker\":\""
                + t.asText()
                + "\",\"market_id\":\"9b0f\","
                + snapshotBody.apply(t.asText())
                + "}}");
      }
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message)
        throws IOException {
      pongs.incrementAndGet();
      super.onFullPongMessage(ch, message);
    }
  }

  private static void send(WebSocketChannel ch, String text) {
    WebSockets.sendText(text, ch, null);
  }

  /**
   * The body members of the snapshot {@code msg} for a ticker, e.g. {@code "yes_dollars_fp":[...]}.
   */
  FakeKalshiWs snapshots(Function<String, String> body) {
    this.snapshotBody = body;
    return this;
  }

  /** Answers subscribes of {@code ticker} with error code 16. */
  FakeKalshiWs reject(String ticker) {
    rejected.add(ticker);
    return this;
  }

  /** Sends a delta {@code msg} for {@code ticker} with the next seq of its current sid. */
  void delta(String ticker, String msgMembers) {
    int sid = sidOf.get(ticker);
    raw(sid, seqOf.get(sid).incrementAndGet(), ticker, msgMembers);
  }

  /** Sends a delta that skips {@code skipped} sequence numbers. */
  void deltaAfterGap(String ticker, int skipped, String msgMembers) {
    int sid = sidOf.get(ticker);
    raw(sid, seqOf.get(sid).addAndGet(1 + skipped), ticker, msgMembers);
  }

  /** Sends a delta with an explicit sid and seq. */
  void raw(int sid, long seq, String ticker, String msgMembers) {
    sendText(
        "{\"type\":\"orderbook_delta\",\"sid\":"
            + sid
            + ",\"seq\":"
            + seq
            + ",\"msg\":{\"market_ticker\":\""
            + ticker
            + "\","
            + msgMembers
            + "}}");
  }

  /** The current seq of {@code ticker}'s sid. */
  long seq(String ticker) {
    return seqOf.get(sidOf.get(ticker)).get();
  }

  /** The current sid of {@code ticker}. */
  int sid(String ticker) {
    return sidOf.get(ticker);
  }

  /** Sends any text on the current connection. */
  void sendText(String text) {
    send(channel, text);
  }

  /** Sends a Ping frame with body {@code heartbeat}. */
  void ping() {
    WebSockets.sendPing(
        ByteBuffer.wrap("heartbeat".getBytes(StandardCharsets.UTF_8)), channel, null);
  }

  /** Drops the current connection without a close handshake. */
  void drop() throws IOException {
    channel.close();
  }

  /** The WebSocket URI of this server. */
  URI uri() {
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("ws://127.0.0.1:" + port + "/trade-api/ws/v2");
  }

  List<JsonNode> commands() {
    return List.copyOf(commands);
  }

  /** Commands named {@code cmd}, in order. */
  List<JsonNode> commands(String cmd) {
    return commands.stream().filter(c -> cmd.equals(c.path("cmd").asText())).toList();
  }

  List<Map<String, List<String>>> handshakes() {
    return List.copyOf(handshakes);
  }

  int pongs() {
    return pongs.get();
  }

  @Override
  public void close() {
    server.stop();
  }
}
