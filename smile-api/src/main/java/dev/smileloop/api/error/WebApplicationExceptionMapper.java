package dev.smileloop.api.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own errors (no such path, wrong method or media type) as JSON with their status. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(message(status)));
    if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
      answer.header("Allow", e.getResponse().getHeaderString("Allow"));
    }
    return answer.build();
  }

  public static String message(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 401 -> "a valid token is required: send Authorization: Bearer <token>";
      case 403 -> "forbidden";
      case 404 -> "no such endpoint; see the REST API in the README";
      case 405 -> "this endpoint does not support that method";
      case 406 -> "this endpoint answers with application/json only";
      case 413 -> "the request body is too large";
      case 415 -> "the request body must be JSON: send Content-Type: application/json";
      default -> "the request failed with HTTP status " + status;
    };
  }
}
