package dev.smileloop.ws.boundary;

import dev.smileloop.ws.control.ClientSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A WebSocket session as a {@link ClientSink}: text goes through the async remote with a
 * completion handler, so no thread waits for a slow client.
 */
final class SessionSink implements ClientSink {

  private static final ByteBuffer PING = ByteBuffer.wrap("smile".getBytes(StandardCharsets.US_ASCII));
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
    session
        .getAsyncRemote()
        .sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
  }

  @Override
  public void ping() throws IOException {
    session.getAsyncRemote().sendPing(PING.duplicate());
  }

  @Override
  public void close(int code, String reason) throws IOException {
    if (session.isOpen()) {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), shorten(reason)));
    }
  }

  static String shorten(String reason) {
    String shown = reason;
    while (shown.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      shown = shown.substring(0, shown.length() - 1);
    }
    return shown;
  }
}
