package io.marketgate.upstream.binance;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback Binance combined-stream server: records each handshake's query and every control
 * message, acknowledges SUBSCRIBE with {@code {"result":null,"id":…}}, and lets the test send
 * payloads, pings and drops on the current connection. Test-only.
 */
final class FakeBinanceWs implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Undertow server;
  private final List<String> handshakes = new CopyOnWriteArrayList<>();
  private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
  private final List<String> pongs = new CopyOnWriteArrayList<>();
  private volatile WebSocketChannel channel;

  FakeBinanceWs() {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                Handlers.path()
                    .addPrefixPath(
                        "/stream",
                        Handlers.websocket(
                            (exchange, ch) -> {
                              handshakes.add(exchange.getQueryString());
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
      WebSockets.sendText("{\"result\":null,\"id\":" + cmd.path("id").asLong() + "}", ch, null);
    }

    @Override
    protected void onFullPongMessage(WebSocketChannel ch, BufferedBinaryMessage message)
        throws IOException {
      ByteBuffer[] data = message.getData().getResource();
      StringBuilder sb = new StringBuilder();
      for (ByteBuffer b : data) {
        sb.append(StandardCharsets.UTF_8.decode(b));
      }
      message.getData().free();
      pongs.add(sb.toString());
    }
  }

  /** Sends {@code text} on the current connection. */
  void send(String text) {
    WebSockets.sendText(text, channel, null);
  }

  /** Sends a combined-stream depth diff of {@code symbol} with ids U..u and one bid change. */
  void diff(String symbol, long first, long last, String bidPrice, String bidQty) {
    String lower = symbol.toLowerCase(java.util.Locale.ROOT);
    send(
        "{\"stream\":\""
            + lower
            + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\""
            + symbol
            + "\",\"U\":"
            + first
            + ",\"u\":"
            + last
            + ",\"b\":[[\""
            + bidPrice
            + "\",\""
            + bidQty
            + "\"]],\"a\":[]}}");
  }

  /** Sends a combined-stream bookTicker of {@code symbol}. */
  void ticker(String symbol, long u, String bid, String ask) {
    String lower = symbol.toLowerCase(java.util.Locale.ROOT);
    send(
        "{\"stream\":\""
            + lower
            + "@bookTicker\",\"data\":{\"u\":"
            + u
            + ",\"s\":\""
            + symbol
            + "\",\"b\":\""
            + bid
            + "\",\"B\":\"1.00000000\",\"a\":\""
            + ask
            + "\",\"A\":\"2.00000000\"}}");
  }

  /** Sends a Ping frame with {@code payload}. */
  void ping(String payload) {
    WebSockets.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), channel, null);
  }

  /** Drops the current connection without a close handshake. */
  void drop() throws IOException {
    channel.close();
  }

  /** The base URI, {@code ws://127.0.0.1:PORT}. */
  URI base() {
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("ws://127.0.0.1:" + port);
  }

  /** The query strings of every handshake, in order. */
  List<String> handshakes() {
    return List.copyOf(handshakes);
  }

  /** Control messages received, in order. */
  List<JsonNode> commands() {
    return List.copyOf(commands);
  }

  /** Payloads of the pongs received. */
  List<String> pongs() {
    return List.copyOf(pongs);
  }

  @Override
  public void close() {
    server.stop();
  }
}
