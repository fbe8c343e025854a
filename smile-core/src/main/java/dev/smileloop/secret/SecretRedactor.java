package dev.smileloop.secret;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a credential before it reaches a report: well-known token formats,
 * values assigned to secret-sounding names, bearer headers, passwords in URLs, and the values of
 * this process's own environment variables whose names sound secret (so a key the server holds
 * never leaks through a tutorial command that echoes it). Tutorial output is untrusted and reports
 * are shared, so this errs towards masking too much.
 */
public final class SecretRedactor {

  /** What replaces a secret value. */
  public static final String MASK = "[REDACTED]";

  // Names of variables and keys whose value is a secret whatever it looks like.
  private static final String SECRET_WORD =
      "(?:passwd|password|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key"
          + "|private[_-]?key|client[_-]?secret|auth[_-]?token|credentials?)";

  // A value after '=' or ':' up to the end of the word, or a quoted value.
  private static final String VALUE = "(\"[^\"\\r\\n]*\"|'[^'\\r\\n]*'|[^\\s\"'`,;&|)}\\]]+)";

  private static final List<Pattern> TOKENS =
      List.of(
          // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
          Pattern.compile("\\b(gh[pousr]_)[A-Za-z0-9]{8,}"),
          Pattern.compile("\\b(github_pat_)[A-Za-z0-9_]{8,}"),
          // OpenAI, Anthropic and similar "sk-" keys.
          Pattern.compile("\\b(sk-)[A-Za-z0-9_\\-]{16,}"),
          // AWS access key ids.
          Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
          // Slack tokens.
          Pattern.compile("\\b(xox[abposr]-)[A-Za-z0-9\\-]{8,}"),
          // Google API keys.
          Pattern.compile("\\b(AIza)[0-9A-Za-z_\\-]{30,}"),
          // GitLab personal tokens.
          Pattern.compile("\\b(glpat-)[A-Za-z0-9_\\-]{16,}"),
          // npm tokens.
          Pattern.compile("\\b(npm_)[A-Za-z0-9]{30,}"),
          // JSON Web Tokens: three base64url parts, the first a JSON header.
          Pattern.compile(
              "\\b(eyJ)[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}\\.[A-Za-z0-9_\\-]{5,}"));

  private static final Pattern PRIVATE_KEY_BLOCK =
      Pattern.compile(
          "(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)");

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\b((?:proxy-)?authorization\\s*[:=]\\s*(?:bearer|basic|token|digest)?\\s*)"
              + "([^\\s\"',;]+)");

  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9_\\-.~+/]{8,}=*)");

  private static final Pattern URL_PASSWORD =
      Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.\\-]*://[^\\s:/@]+:)([^\\s/@]+)(@)");

  // password=..., token: ..., "api_key": "..." (the key may be quoted, as in JSON or YAML).
  // The name starts where no name character precedes it and is at most 64 characters long, so a
  // long run of letters (output, a generated summary) costs linear time, not quadratic.
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)(?<![A-Za-z0-9_.\\-])([\"']?[A-Za-z0-9_.\\-]{0,64}"
              + SECRET_WORD
              + "[A-Za-z0-9_.\\-]{0,64}[\"']?\\s*[:=]\\s*)"
              + VALUE);

  // FOO_KEY=..., export BAR_TOKEN=...: masked when the value looks random rather than like a path.
  private static final Pattern SECRET_VARIABLE =
      Pattern.compile(
          "\\b([A-Z0-9_]{0,64}(?:_KEY|_TOKEN|_SECRET|PASSWORD|_PASS|_PWD|_CREDENTIALS?)\\s*[:=]\\s*)"
              + VALUE);

  private static final Pattern SECRET_ENV_NAME =
      Pattern.compile(
          "(?i).*(token|secret|passw|passphrase|api_?key|access_?key|private_?key"
              + "|credential|(^|_)key($|_)|(^|_)auth($|_)).*");

  private static final int MIN_ENV_VALUE_LENGTH = 6;

  private final List<String> knownSecrets;

  /** A redactor that knows no environment values, only the patterns. */
  public SecretRedactor() {
    this(Map.of());
  }

  /**
   * A redactor that also masks the values of the given environment variables whose names sound
   * secret. Very short values are left alone: masking "1" or "true" would garble every report.
   */
  public SecretRedactor(Map<String, String> environment) {
    this.knownSecrets =
        environment.entrySet().stream()
            .filter(e -> e.getKey() != null && e.getValue() != null)
            .filter(e -> SECRET_ENV_NAME.matcher(e.getKey()).matches())
            .map(Map.Entry::getValue)
            .map(String::strip)
            .filter(v -> v.length() >= MIN_ENV_VALUE_LENGTH)
            .distinct()
            // Longest first, so a secret that contains another is masked whole.
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
  }

  // Secrets this process made itself (the generated API token): masked like environment secrets.
  private static final Set<String> PROCESS_SECRETS = ConcurrentHashMap.newKeySet();

  /** Makes every later {@link #fromEnvironment()} redactor mask {@code secret} as well. */
  public static void addProcessSecret(String secret) {
    if (secret != null && secret.strip().length() >= MIN_ENV_VALUE_LENGTH) {
      PROCESS_SECRETS.add(secret.strip());
    }
  }

  /**
   * The redactor for this process: the patterns plus its own secret environment values and the
   * secrets it registered with {@link #addProcessSecret}.
   */
  public static SecretRedactor fromEnvironment() {
    Map<String, String> known = new HashMap<>(System.getenv());
    int i = 0;
    for (String secret : PROCESS_SECRETS) {
      known.put("SMILE_PROCESS_SECRET_" + i++, secret);
    }
    return new SecretRedactor(known);
  }

  /**
   * The longest text a report keeps whole. Longer ones (a 5 MB command output, a huge summary) keep
   * their head and tail around a marker: a report is read by people, and every format repeats
   * texts, so unbounded ones would make reports of hundreds of megabytes.
   */
  public static final int MAX_TEXT = 16 * 1024;

  /** The text with every secret masked, and cut to {@link #MAX_TEXT}; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    if (text.length() > MAX_TEXT) {
      int keep = MAX_TEXT / 2;
      // Each part is redacted on its own; a secret cut in two at the marker loses its middle
      // anyway.
      return redactWhole(text.substring(0, keep))
          + "\n… ["
          + (text.length() - 2 * keep)
          + " characters cut] …\n"
          + redactWhole(text.substring(text.length() - keep));
    }
    return redactWhole(text);
  }

  /**
   * The text with every secret masked, whatever its length (the live surfaces, {@code /ws} and
   * {@code /api/status}, pass texts on as they are); null stays null.
   */
  public String redactUncut(String text) {
    return text == null || text.isEmpty() ? text : redactWhole(text);
  }

  private String redactWhole(String text) {
    String result = text;
    for (String secret : knownSecrets) {
      result = result.replace(secret, MASK);
    }
    result =
        PRIVATE_KEY_BLOCK.matcher(result).replaceAll(m -> quote(m.group(1) + MASK + m.group(2)));
    for (Pattern token : TOKENS) {
      result = token.matcher(result).replaceAll(m -> quote(m.group(1) + MASK));
    }
    result = replaceValue(BEARER, result);
    // The remaining patterns all need a ':' or '='; without one they cannot match, and scanning
    // a long output (a 64 KB line of letters) with them costs tens of milliseconds for nothing.
    if (result.indexOf(':') < 0 && result.indexOf('=') < 0) {
      return result;
    }
    result = replaceValue(AUTHORIZATION, result);
    result = URL_PASSWORD.matcher(result).replaceAll(m -> quote(m.group(1) + MASK + m.group(3)));
    result = replaceValue(SECRET_ASSIGNMENT, result);
    result =
        SECRET_VARIABLE
            .matcher(result)
            .replaceAll(
                m -> quote(looksRandom(unquoted(m.group(2))) ? m.group(1) + MASK : m.group()));
    return result;
  }

  /** Every element redacted, in order. */
  public List<String> redact(List<String> texts) {
    return texts.stream().map(t -> redact(Objects.requireNonNullElse(t, ""))).toList();
  }

  private static String replaceValue(Pattern pattern, String text) {
    return pattern
        .matcher(text)
        .replaceAll(m -> quote(alreadyMasked(m.group(2)) ? m.group() : m.group(1) + MASK));
  }

  private static boolean alreadyMasked(String value) {
    // The value pattern stops at ']', so a masked token shows up as "...[REDACTED".
    return value.contains("[REDACTED") || unquoted(value).isEmpty();
  }

  private static String unquoted(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static String quote(String replacement) {
    return Matcher.quoteReplacement(replacement);
  }

  /**
   * A value that looks machine-made rather than a path, a word or a reference to another variable:
   * long, mixing letters and digits, with high character entropy.
   */
  static boolean looksRandom(String value) {
    // Paths and references to other variables are not secrets, however random they look.
    if (value.length() < 12 || value.contains("[REDACTED") || value.matches("^[$/~.].*")) {
      return false;
    }
    if (!value.matches("[A-Za-z0-9+/=_\\-.~]+")) {
      return false;
    }
    boolean letters = value.chars().anyMatch(Character::isLetter);
    boolean digits = value.chars().anyMatch(Character::isDigit);
    return letters && digits && entropy(value) >= 3.0;
  }

  private static double entropy(String value) {
    int[] counts = new int[128];
    value.chars().forEach(c -> counts[c & 127]++);
    double entropy = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / value.length();
        entropy -= p * Math.log(p) / Math.log(2);
      }
    }
    return entropy;
  }
}
