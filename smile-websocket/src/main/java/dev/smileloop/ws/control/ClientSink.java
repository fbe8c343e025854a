package dev.smileloop.ws.control;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The connection of one client as the delivery core sees it: the WebSocket session in the server, a
 * recording fake in tests. {@link ClientChannel} never calls {@link #send} or {@link #ping} again
 * before the previous call returned and, for {@code send}, completed.
 */
public interface ClientSink {

  /** Identifies the client; unique among open connections. */
  String id();

  /**
   * Starts sending one text frame. {@code done} is called exactly once, with null on success or the
   * failure, either before this method returns or later from any thread.
   */
  void send(String text, Consumer<Throwable> done);

  /** Sends a ping control frame without waiting for it to be written. */
  void ping() throws IOException;

  /** Sends a close frame with the code and reason and closes the connection. */
  void close(int code, String reason) throws IOException;
}
