package dev.smileloop.api.security;

import dev.smileloop.access.AccessPolicy;
import dev.smileloop.api.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Every REST call needs {@code Authorization: Bearer <API token>}, except: {@code GET /api/status},
 * which answers a reduced state without it; the agents' callbacks, which also accept the running
 * loop's callback token (and, with {@code smile.auth.legacyCallbacks=true}, no token from a
 * loopback address, as the original wrappers send none); and CORS preflights. Anything else is 401
 * with a JSON error.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {

  @Inject AccessPolicy access;

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    String path = request.getUriInfo().getPath().replaceAll("^/+|/+$", "");
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token = BearerToken.of(header);
    if ("OPTIONS".equals(method) || ("GET".equals(method) && "status".equals(path))) {
      return; // the status resource shows more with a valid token; a preflight carries none
    }
    if (access.isApiToken(token)) {
      return;
    }
    if (path.equals("student/result") || path.equals("mentor/result")) {
      if (access.isCallbackToken(token)) {
        return;
      }
      if (header == null && access.legacyCallbacks() && fromLoopback()) {
        return;
      }
    }
    request.abortWith(
        Response.status(Response.Status.UNAUTHORIZED)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"smile\"")
            .type(ErrorBody.MEDIA_TYPE)
            .entity(
                ErrorBody.of(
                    401,
                    token == null
                        ? "a token is required: send Authorization: Bearer <token> (the server"
                            + " wrote it to .smile/token in its working directory, or took it from"
                            + " SMILE_API_TOKEN)"
                        : "the token is not valid for this server"))
            .build());
  }

  private boolean fromLoopback() {
    try {
      return servletRequest != null
          && InetAddress.getByName(servletRequest.getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
