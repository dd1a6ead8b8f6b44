package io.marketgate.upstream;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A WebSocket listener that hands one connection's opening, whole text messages and end to a
 * stream's single event loop, and asks for the next frame only once the loop has handled the
 * message before it (back-pressure). Binary frames are ignored; pings are answered by the JDK with
 * the same payload. One instance per connection; the JDK calls it from one thread at a time.
 */
public final class EventLoopListener implements WebSocket.Listener {

  /** What the event loop does with a connection's events; every method runs on the loop. */
  public interface Handler {

    /** The connection is open. */
    void opened(WebSocket ws);

    /** One whole text message arrived; may throw, which is reported to {@link #unexpected}. */
    void received(String message);

    /** {@link #received} threw {@code failure} on {@code message}. */
    void unexpected(String message, RuntimeException failure);

    /** The connection ended, closed by the server or failed, for {@code reason}. */
    void disconnected(String reason);
  }

  private final Consumer<Runnable> loop;
  private final Handler handler;
  private final StringBuilder text = new StringBuilder();

  /** A listener that runs {@code handler} through {@code loop}, the stream's task submitter. */
  public EventLoopListener(Consumer<Runnable> loop, Handler handler) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public void onOpen(WebSocket ws) {
    loop.accept(() -> handler.opened(ws));
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    text.append(data);
    if (!last) {
      ws.request(1);
      return null;
    }
    String message = text.toString();
    text.setLength(0);
    loop.accept(
        () -> {
          try {
            handler.received(message);
          } catch (RuntimeException e) {
            handler.unexpected(message, e);
          } finally {
            ws.request(1);
          }
        });
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    // Returning null lets the JDK send the Pong with the same payload at once.
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    loop.accept(() -> handler.disconnected("closed by server " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    loop.accept(() -> handler.disconnected("error " + error.getClass().getSimpleName()));
  }
}
