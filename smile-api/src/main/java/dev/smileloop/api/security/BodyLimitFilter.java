package dev.smileloop.api.security;

import dev.smileloop.api.error.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps request bodies before anything parses them: at most {@value #MAX_BYTES} bytes (a tutorial
 * may have 100 KiB, escaped in JSON it grows) are read into memory, a longer body is 413; and JSON
 * nested deeper than {@value #MAX_DEPTH} levels is 400, so no parser recurses into an attacker's
 * 100,000 brackets. JSON-B has no depth setting, hence the small scan here.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class BodyLimitFilter implements ContainerRequestFilter {

  public static final int MAX_BYTES = 256 * 1024;
  public static final int MAX_DEPTH = 64;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    if (!request.hasEntity()) {
      return;
    }
    if (request.getLength() > MAX_BYTES) {
      request.abortWith(tooLarge());
      return;
    }
    byte[] body;
    try (InputStream in = request.getEntityStream()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (body.length > MAX_BYTES) {
      request.abortWith(tooLarge());
      return;
    }
    if (depth(body) > MAX_DEPTH) {
      request.abortWith(
          error(
              400,
              "the request body nests JSON deeper than "
                  + MAX_DEPTH
                  + " levels; SMILE's requests need far fewer"));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  /** The deepest nesting of objects and arrays, ignoring brackets inside strings. */
  static int depth(byte[] json) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < json.length; i++) {
      byte b = json[i];
      if (inString) {
        if (b == '\\') {
          i++;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        max = Math.max(max, ++depth);
      } else if (b == '}' || b == ']') {
        depth--;
      }
    }
    return max;
  }

  private static Response tooLarge() {
    return error(
        413,
        "the request body is larger than " + MAX_BYTES / 1024 + " KiB; tutorials may have 100 KB");
  }

  private static Response error(int status, String message) {
    return ErrorBody.response(status, message);
  }
}
