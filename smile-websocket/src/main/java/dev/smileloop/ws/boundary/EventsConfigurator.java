package dev.smileloop.ws.boundary;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * Handshake of {@code /ws}: offers permessage-deflate (RFC 7692, Tyrus's own extension) to every
 * client, so a client that asks for it gets compressed frames and one that does not gets plain
 * ones. An annotated endpoint has no place to install an extension, so it is added here to the
 * installed list the container negotiates from. Compression runs per client (each has its own
 * deflate context), so it costs CPU per connection: worth it for large events on slow links.
 */
public class EventsConfigurator extends ServerEndpointConfig.Configurator {

  /** Stateless: Tyrus keeps each connection's deflater in that connection's extension context. */
  private static final Extension DEFLATE = new PerMessageDeflateExtension();

  @Override
  public List<Extension> getNegotiatedExtensions(
      List<Extension> installed, List<Extension> requested) {
    List<Extension> offered = new ArrayList<>(installed);
    if (offered.stream().noneMatch(e -> DEFLATE.getName().equals(e.getName()))) {
      offered.add(DEFLATE);
    }
    return super.getNegotiatedExtensions(offered, requested);
  }
}
