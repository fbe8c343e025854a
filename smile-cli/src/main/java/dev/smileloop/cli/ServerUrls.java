package dev.smileloop.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one place that turns {@code --server URL} into the URLs the CLI calls. The URL's path is the
 * server's context root (e.g. {@code http://host:8080/smile} on a full application server) and is
 * kept for every call: REST under {@code <root>/api/}, the event stream at {@code <root>/ws}.
 */
record ServerUrls(URI base) {

  /** The base as given, checked: http or https, a host, no query. */
  static ServerUrls of(String url) {
    if (!url.strip().matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
      throw new Unreachable(
          "--server needs a URL with http:// or https://, e.g. http://"
              + url.strip()
              + "; got "
              + url);
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new Unreachable("--server " + url + " is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new Unreachable(
          "--server needs a URL with http:// or https:// and a host, e.g. http://"
              + url.strip().replaceFirst("^[a-z]+://", "")
              + "; got "
              + url);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    return new ServerUrls(URI.create(scheme + "://" + uri.getRawAuthority() + path + "/"));
  }

  /** {@code <root>/api/<path>}. */
  URI api(String path) {
    return base.resolve("api/" + path);
  }

  /** {@code ws(s)://host/<root>/ws}. */
  URI events() {
    return URI.create(base.toString().replaceFirst("^http", "ws") + "ws");
  }

  /** MicroProfile Health lives at the server's root, whatever the application's context root. */
  URI readiness() {
    return base.resolve("/health/ready");
  }

  @Override
  public String toString() {
    return base.toString();
  }

  /** The server cannot be reached or is no SMILE server; the message is one line for the user. */
  static final class Unreachable extends RuntimeException {
    Unreachable(String message) {
      super(message);
    }
  }
}
