package dev.smileloop.api.error;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS's own errors (no such path, a method or media type the resource does not take) as problem
 * bodies with a message that says what to do, keeping their status and headers such as {@code
 * Allow}.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @jakarta.ws.rs.core.Context UriInfo uri;

  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original == null ? 500 : original.getStatus();
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(ErrorBody.MEDIA_TYPE)
            .entity(ErrorBody.of(status, detail(e, status)));
    if (original != null) {
      original
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("Content-Length")) {
                  values.forEach(value -> answer.header(name, value));
                }
              });
    }
    return answer.build();
  }

  private String detail(WebApplicationException e, int status) {
    String path = uri == null ? "this path" : uri.getRequestUri().getRawPath();
    if (e instanceof NotFoundException) {
      return "no resource at " + path + "; see /openapi for the API";
    }
    if (e instanceof NotAllowedException) {
      String allowed = String.join(", ", e.getResponse().getAllowedMethods());
      return "method not allowed on " + path + (allowed.isEmpty() ? "" : "; allowed: " + allowed);
    }
    if (e instanceof NotAcceptableException) {
      return path + " cannot answer in the media type asked for in Accept; it answers JSON";
    }
    if (e instanceof NotSupportedException) {
      return path + " does not take this Content-Type; send application/json";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "HTTP " + status : message;
  }
}
