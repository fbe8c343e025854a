package dev.smileloop.api.error;

import jakarta.ws.rs.core.Response;

/**
 * Every error answer, as an RFC 9457 problem ({@code application/problem+json}): {@code type},
 * {@code title}, {@code status} and {@code detail}, plus {@code error}, the same text as {@code
 * detail}, which SPEC section 5 and the original clients read.
 */
public record ErrorBody(String type, String title, int status, String detail, String error) {

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem with the standard title of its status; {@code type} is {@code about:blank}. */
  public static ErrorBody of(int status, String detail) {
    String title =
        Response.Status.fromStatusCode(status) == null
            ? "Error " + status
            : Response.Status.fromStatusCode(status).getReasonPhrase();
    return new ErrorBody("about:blank", title, status, detail, detail);
  }

  /** The whole answer: status, problem media type and this body. */
  public static Response response(int status, String detail) {
    return Response.status(status).type(MEDIA_TYPE).entity(of(status, detail)).build();
  }
}
