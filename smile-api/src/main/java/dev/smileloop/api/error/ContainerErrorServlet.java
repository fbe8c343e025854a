package dev.smileloop.api.error;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page of the WAR ({@code WEB-INF/web.xml}): errors the container answers itself, such as
 * a path outside {@code /api} that does not exist, get the same problem body as the API's errors
 * instead of an HTML page.
 */
@WebServlet("/problem")
public class ContainerErrorServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private transient Jsonb jsonb;

  @Override
  public void init() {
    jsonb = JsonbBuilder.create();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : 404;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? request.getRequestURI() : uri.toString();
    response.setStatus(status);
    response.setContentType(ErrorBody.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(jsonb.toJson(ErrorBody.of(status, detail(status, path))));
  }

  private static String detail(int status, String path) {
    return switch (status) {
      case 404 -> "nothing at " + path + "; the API is under /api (see /openapi), events at /ws";
      case 405 -> "method not allowed on " + path;
      case 500 -> "internal error while serving " + path + "; see the server log";
      default -> "HTTP " + status + " for " + path;
    };
  }

  @Override
  public void destroy() {
    try {
      jsonb.close();
    } catch (Exception e) {
      log("closing JSON-B", e);
    }
  }
}
