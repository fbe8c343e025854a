package dev.smileloop.api.error;

import dev.smileloop.problem.SmileException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers every domain error with its status and a problem body ({@link ErrorBody}). */
@Provider
public class SmileExceptionMapper implements ExceptionMapper<SmileException> {

  @Override
  public Response toResponse(SmileException e) {
    return ErrorBody.response(status(e.kind()), e.getMessage());
  }

  static int status(SmileException.Kind kind) {
    return switch (kind) {
      case INVALID_INPUT -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
      case ENVIRONMENT -> 500;
    };
  }
}
