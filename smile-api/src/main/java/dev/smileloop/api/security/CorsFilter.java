package dev.smileloop.api.security;

import dev.smileloop.access.AccessPolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * CORS only for the origins configured in {@code smile.allowedOrigins}: a page from any other
 * origin gets no CORS headers, so its browser keeps the answers from it.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

  @Inject AccessPolicy access;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.add("Vary", "Origin");
    if (access.isConfiguredOrigin(origin)) {
      headers.putSingle("Access-Control-Allow-Origin", origin);
      headers.putSingle("Access-Control-Allow-Headers", "Authorization, Content-Type");
      headers.putSingle("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      headers.putSingle("Access-Control-Max-Age", "600");
    }
  }
}
