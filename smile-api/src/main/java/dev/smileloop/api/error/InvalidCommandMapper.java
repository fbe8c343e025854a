package dev.smileloop.api.error;

import dev.smileloop.api.command.InvalidCommandException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request body that is not a valid command (bad JSON, a wrong JSON type, a broken rule): 400
 * with a problem body whose detail names each field and what is wrong with it.
 */
@Provider
public class InvalidCommandMapper implements ExceptionMapper<InvalidCommandException> {

  @Override
  public Response toResponse(InvalidCommandException e) {
    return ErrorBody.response(400, e.getMessage());
  }
}
