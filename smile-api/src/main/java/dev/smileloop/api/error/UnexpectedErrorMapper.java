package dev.smileloop.api.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything no other mapper knows: a 500 problem that names an incident id and never shows a stack
 * trace; the trace goes to the server log under the same id.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error, incident " + incident, e);
    return ErrorBody.response(
        500,
        "internal error (incident "
            + incident
            + " in the server log): "
            + e.getClass().getSimpleName());
  }
}
