package dev.smileloop.ws.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws}: the loop's event stream (SPEC section 6). Clients only listen; {@code ?since=N} asks
 * for the events after seq {@code N} again. The {@link HandshakeFilter} lets only the token's
 * holder in; all the work is in {@link EventBroadcaster}.
 */
@ServerEndpoint(
    value = "/ws",
    subprotocols = HandshakeFilter.SUBPROTOCOL,
    configurator = EventsConfigurator.class)
public class EventsEndpoint {

  private static final Logger LOG = Logger.getLogger(EventsEndpoint.class.getName());

  @Inject private EventBroadcaster broadcaster;

  @OnOpen
  public void open(Session session) {
    broadcaster.open(
        session,
        EventBroadcaster.firstParameter(session, "since"),
        EventBroadcaster.firstParameter(session, "loop"));
  }

  @OnMessage
  public void pong(PongMessage pong, Session session) {
    broadcaster.alive(session);
  }

  /** Clients have nothing to say, but anything they send proves they are alive. */
  @OnMessage(maxMessageSize = 4096)
  public void text(String ignored, Session session) {
    broadcaster.alive(session);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    broadcaster.closed(session);
  }

  @OnError
  public void error(Session session, Throwable failure) {
    // A client that vanishes mid-write shows up here as an IOException: routine, not a fault.
    Level level = failure instanceof IOException ? Level.FINE : Level.WARNING;
    LOG.log(level, "/ws session " + (session == null ? "?" : session.getId()) + " failed", failure);
    if (session != null) {
      broadcaster.closed(session);
    }
  }
}
