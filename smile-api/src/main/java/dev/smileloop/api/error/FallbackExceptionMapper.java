package dev.smileloop.api.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whatever no other mapper took: 500 with a short JSON error. The details go to the server log (one
 * line for a stack overflow, whose trace would be thousands of lines), never to the caller.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof StackOverflowError) {
      LOG.warning("a request overflowed the stack: " + e);
    } else {
      LOG.log(Level.WARNING, "a request failed unexpectedly", e);
    }
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody("internal error; the server log has the details"))
        .build();
  }
}
