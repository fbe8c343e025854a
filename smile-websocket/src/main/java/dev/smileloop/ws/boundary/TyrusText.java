package dev.smileloop.ws.boundary;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a text frame through Tyrus's own web socket object of a session, past its {@code
 * RemoteEndpoint.Async}, when the container is Tyrus; otherwise callers use the standard API.
 *
 * <p>Why, and why by hand: Tyrus 2.1.5 (Payara 6, GlassFish 7) restarts the session's idle timer on
 * every {@code getAsyncRemote().sendText}, and with no idle timeout set it still schedules a task,
 * due at once, on the container's managed scheduled executor: a context capture on the sending
 * thread and a wake-up of the scheduler thread for every frame of every client (profiled: the
 * largest single cost of a send). The async remote then calls {@code
 * TyrusWebSocket.sendText(String, SendHandler)}, a public method, with the same frame, extensions
 * (permessage-deflate) and completion; only the timer is skipped. {@code /ws} sessions have no idle
 * timeout (the heartbeat closes dead clients), so nothing is lost. No API reaches that object, so
 * it is found once by reflection; if Tyrus changes, {@link #forRemote} answers empty and the
 * standard path is used.
 */
final class TyrusText {

  private static final Logger LOG = Logger.getLogger(TyrusText.class.getName());

  private static final String REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";
  private static final String WEB_SOCKET = "org.glassfish.tyrus.core.TyrusWebSocket";

  /** Resolved for the first session; null members when the container is not Tyrus. */
  private static volatile Access access;

  private record Access(Field webSocket, MethodHandle sendText) {}

  private final Object webSocket;
  private final MethodHandle sendText;

  private TyrusText(Object webSocket, MethodHandle sendText) {
    this.webSocket = webSocket;
    this.sendText = sendText;
  }

  /** The direct path for this session's async remote, or empty when it is not Tyrus's. */
  static Optional<TyrusText> forRemote(RemoteEndpoint.Async remote) {
    Access found = access;
    if (found == null) {
      found = resolve(remote.getClass());
      access = found;
    }
    if (found.webSocket() == null || !found.webSocket().getDeclaringClass().isInstance(remote)) {
      return Optional.empty();
    }
    try {
      Object socket = found.webSocket().get(remote);
      return socket == null
          ? Optional.empty()
          : Optional.of(new TyrusText(socket, found.sendText()));
    } catch (IllegalAccessException e) {
      return Optional.empty();
    }
  }

  void send(String text, SendHandler handler) {
    try {
      sendText.invoke(webSocket, text, handler);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("sending through Tyrus failed", e);
    }
  }

  private static Access resolve(Class<?> remoteClass) {
    try {
      ClassLoader loader = remoteClass.getClassLoader();
      Class<?> endpoint = Class.forName(REMOTE_ENDPOINT, false, loader);
      Class<?> socket = Class.forName(WEB_SOCKET, false, loader);
      Field field = endpoint.getDeclaredField("webSocket");
      field.setAccessible(true);
      MethodHandle send =
          MethodHandles.publicLookup()
              .findVirtual(
                  socket,
                  "sendText",
                  MethodType.methodType(void.class, String.class, SendHandler.class))
              .asType(
                  MethodType.methodType(void.class, Object.class, String.class, SendHandler.class));
      return new Access(field, send);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.INFO, "/ws sends through the standard async remote: " + e);
      return new Access(null, null);
    }
  }
}
