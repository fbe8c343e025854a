package dev.smileloop.ws.boundary;

import dev.smileloop.ws.control.ClientSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A WebSocket session as a {@link ClientSink}: text goes through the async remote with a completion
 * handler, so no thread waits for a slow client.
 *
 * <p>Sends and pings run with the platform class loader as the thread's context class loader. Why:
 * Tyrus 2.1.5 restarts its idle timer on every send by scheduling a task on the container's managed
 * scheduled executor, and Payara 6 captures context for that task by running a {@code
 * ServiceLoader} scan of the context class loader, every time. With the web application's loader
 * that scan cost about 100 us per send, capping delivery at about 8,000 frames per second on two
 * cores; with the platform loader (nothing to scan) the same run reached about 37,000. The task it
 * schedules is Tyrus's own idle check and needs no application class.
 */
final class SessionSink implements ClientSink {

  private static final ByteBuffer PING =
      ByteBuffer.wrap("smile".getBytes(StandardCharsets.US_ASCII));

  /** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;

  private final Session session;

  SessionSink(Session session) {
    this.session = session;
  }

  @Override
  public String id() {
    return session.getId();
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      session
          .getAsyncRemote()
          .sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Override
  public void ping() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      session.getAsyncRemote().sendPing(PING.duplicate());
    } finally {
      thread.setContextClassLoader(before);
    }
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
