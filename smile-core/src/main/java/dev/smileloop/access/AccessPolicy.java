package dev.smileloop.access;

import dev.smileloop.secret.SecretRedactor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Who may drive this server, as every boundary (REST filter, WebSocket handshake) asks it: the API
 * token, the current loop's callback token, the extra browser origins allowed, whether token-less
 * callbacks from loopback are accepted, and the folders REST callers may name.
 *
 * <p>Settings: env {@code SMILE_API_TOKEN} (else a generated token in {@code
 * <workDir>/.smile/token}, mode 0600, shown once in the log), {@code smile.allowedOrigins} (comma
 * list of origins such as {@code https://docs.example.com}), {@code smile.auth.legacyCallbacks}
 * ({@code true} accepts callbacks without a token from 127.0.0.1/::1 only), {@code
 * smile.allowedRoots}.
 */
@ApplicationScoped
public class AccessPolicy {

  private static final Logger LOG = Logger.getLogger(AccessPolicy.class.getName());

  public static final String TOKEN_ENV = "SMILE_API_TOKEN";
  public static final String ORIGINS_PROPERTY = "smile.allowedOrigins";
  public static final String LEGACY_PROPERTY = "smile.auth.legacyCallbacks";

  private ApiToken token;
  private volatile ApiToken callbackToken;
  private Set<String> allowedOrigins;
  private boolean legacyCallbacks;
  private PathGuard paths;

  @PostConstruct
  void init() {
    Path workDir = workDir();
    token = loadOrGenerate(workDir);
    SecretRedactor.addProcessSecret(token.value());
    allowedOrigins =
        Arrays.stream(setting(ORIGINS_PROPERTY, "").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(AccessPolicy::normalizeOrigin)
            .collect(Collectors.toUnmodifiableSet());
    legacyCallbacks = Boolean.parseBoolean(setting(LEGACY_PROPERTY, "false"));
    if (legacyCallbacks) {
      LOG.warning(
          LEGACY_PROPERTY
              + "=true: agent callbacks without a token are accepted from loopback addresses");
    }
    paths = PathGuard.forServer(workDir);
  }

  /** Created with the application, so the token file exists before the first request. */
  void atStartup(@Observes @Initialized(ApplicationScoped.class) Object application) {
    LOG.fine(() -> "API token ready (" + token.masked() + ")");
  }

  private static ApiToken loadOrGenerate(Path workDir) {
    String given = System.getenv(TOKEN_ENV);
    if (given != null && !given.isBlank()) {
      try {
        ApiToken fromEnv = ApiToken.of(given.strip());
        LOG.info(() -> "SMILE API token taken from " + TOKEN_ENV + " (" + fromEnv.masked() + ")");
        return fromEnv;
      } catch (IllegalArgumentException e) {
        LOG.severe(TOKEN_ENV + " is not usable (" + e.getMessage() + "); generating a token");
      }
    }
    ApiToken generated = ApiToken.generate();
    Path file = workDir.resolve(".smile/token");
    try {
      generated.writeTo(file);
      LOG.info(
          "SMILE API token (shown once; also in "
              + file
              + ", readable by this user only): "
              + generated.value());
    } catch (IOException e) {
      LOG.warning(
          "could not write the API token to "
              + file
              + " ("
              + e.getMessage()
              + "); the token, shown once: "
              + generated.value());
    }
    return generated;
  }

  /** Whether {@code presented} is the API token. */
  public boolean isApiToken(String presented) {
    return token.matches(presented);
  }

  /** A new callback token for the loop being started; the previous loop's stops working. */
  public String newCallbackToken() {
    ApiToken fresh = ApiToken.generate();
    SecretRedactor.addProcessSecret(fresh.value());
    callbackToken = fresh;
    return fresh.value();
  }

  /** Whether {@code presented} is the current loop's callback token. */
  public boolean isCallbackToken(String presented) {
    ApiToken current = callbackToken;
    return current != null && current.matches(presented);
  }

  public boolean legacyCallbacks() {
    return legacyCallbacks;
  }

  /**
   * Whether a browser page from {@code origin} may open {@code /ws}: its own origin ({@code
   * ownOrigin}, e.g. {@code http://127.0.0.1:3000}) and the configured ones.
   */
  public boolean allowsOrigin(String origin, String ownOrigin) {
    if (origin == null) {
      return true; // not a browser: browsers always send Origin on a WebSocket handshake
    }
    String normalized = normalizeOrigin(origin);
    return normalized.equals(normalizeOrigin(ownOrigin)) || allowedOrigins.contains(normalized);
  }

  /** Whether {@code origin} is one of the configured extra origins (for CORS). */
  public boolean isConfiguredOrigin(String origin) {
    return origin != null && allowedOrigins.contains(normalizeOrigin(origin));
  }

  public PathGuard paths() {
    return paths;
  }

  /**
   * Where relative paths in requests resolve: {@code smile.workDir}, else the working directory.
   */
  public static Path workDir() {
    return Path.of(System.getProperty("smile.workDir", System.getProperty("user.dir")))
        .toAbsolutePath()
        .normalize();
  }

  static String normalizeOrigin(String origin) {
    if (origin == null) {
      return "";
    }
    try {
      URI uri = URI.create(origin.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return origin.strip().toLowerCase(Locale.ROOT);
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      if (port == -1) {
        port = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
      }
      return scheme.replace("ws", "http")
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + ":"
          + port;
    } catch (IllegalArgumentException e) {
      return origin.strip().toLowerCase(Locale.ROOT);
    }
  }

  private static String setting(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null) {
      value = System.getenv(property.replace('.', '_').toUpperCase(Locale.ROOT));
    }
    return value == null ? fallback : value;
  }
}
