package dev.smileloop.ws.boundary;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Guards the {@code /ws} handshake before the WebSocket container sees it: a browser page from a
 * foreign {@code Origin} is refused with 403 (the server's own origin and {@code
 * smile.allowedOrigins} pass), and a client without the API token with 401. Browsers offer the
 * token as the subprotocol {@code smile.bearer.<token>} next to {@code smile.v1} (the server
 * answers {@code smile.v1}); other clients may send {@code Authorization: Bearer <token>}.
 */
@WebFilter(urlPatterns = "/ws")
public class HandshakeFilter extends HttpFilter {

  static final String SUBPROTOCOL = "smile.v1";
  static final String TOKEN_PREFIX = "smile.bearer.";

  @Inject AccessPolicy access;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String origin = request.getHeader("Origin");
    String own = request.getScheme() + "://" + request.getHeader("Host");
    if (!access.allowsOrigin(origin, own)) {
      refuse(response, 403, "this origin may not open /ws; see smile.allowedOrigins");
      return;
    }
    if (!access.isApiToken(token(request))) {
      refuse(
          response,
          401,
          "a token is required: offer the subprotocols smile.v1 and smile.bearer.<token>, or send"
              + " Authorization: Bearer <token>");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The token from the Authorization header, else from the offered subprotocols. */
  static String token(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    var offered = request.getHeaders("Sec-WebSocket-Protocol");
    while (offered != null && offered.hasMoreElements()) {
      for (String protocol : offered.nextElement().split(",")) {
        String p = protocol.strip();
        if (p.startsWith(TOKEN_PREFIX)) {
          return p.substring(TOKEN_PREFIX.length());
        }
      }
    }
    return null;
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(Jsonp.createObjectBuilder().add("error", message).build().toString());
  }
}
