package dev.smileloop.api.security;

/** Reads the token out of an {@code Authorization: Bearer <token>} header. */
public final class BearerToken {

  private BearerToken() {}

  /** The token, or null when the header is absent or not a bearer header. */
  public static String of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).strip();
    return token.isEmpty() ? null : token;
  }
}
