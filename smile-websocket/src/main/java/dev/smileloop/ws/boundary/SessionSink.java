package dev.smileloop.ws.boundary;

import dev.smileloop.ws.control.ClientSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A WebSocket session as a {@link ClientSink}: text goes through the async remote with a completion
 * handler, so no thread waits for a slow client.
 *
 * <p>Text goes through {@link TyrusText} where the container is Tyrus: the same send without the
 * idle-timer task Tyrus 2.1.5 schedules on the managed scheduled executor for every frame. Pings,
 * and text where that path is not available, go through the standard API with the platform class
 * loader as the thread's context class loader. Why: Payara 6 captures context for that timer task
 * by running a {@code ServiceLoader} scan of the context class loader, every time; with the web
 * application's loader that scan cost about 100 us per send, capping delivery at about 8,000 frames
 * per second on two cores; with the platform loader (nothing to scan) about 37,000. The task is
 * Tyrus's own idle check and needs no application class.
 */
final class SessionSink implements ClientSink {

  private static final ByteBuffer PING =
      ByteBuffer.wrap("smile".getBytes(StandardCharsets.US_ASCII));

  /** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;

  private final Session session;

  /** Tyrus's own text path for this session, past its idle timer; null: the standard API. */
  private final TyrusText direct;

  SessionSink(Session session) {
    this.session = session;
    this.direct = TyrusText.forRemote(session.getAsyncRemote()).orElse(null);
  }

  @Override
  public String id() {
    return session.getId();
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
    if (direct != null) {
      direct.send(text, handler); // schedules nothing: no context to capture
    } else {
      withPlatformLoader(() -> session.getAsyncRemote().sendText(text, handler));
    }
  }

  @Override
  public void ping() throws IOException {
    withPlatformLoader(() -> session.getAsyncRemote().sendPing(PING.duplicate()));
  }

  /** Runs a call of the standard API, which schedules Tyrus's timer task, as the class says. */
  private static <E extends Exception> void withPlatformLoader(Call<E> call) throws E {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      call.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @FunctionalInterface
  private interface Call<E extends Exception> {
    void run() throws E;
  }

  @Override
  public void close(int code, String reason) throws IOException {
    if (session.isOpen()) {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), shorten(reason)));
    }
  }

  static String shorten(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    String shown = reason;
    while (shown.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      shown = shown.substring(0, shown.length() - 1);
    }
    return shown;
  }
}
