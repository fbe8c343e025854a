package dev.smileloop.llm.control;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells from what a failed LLM command-line tool printed why it failed. The tools share no error
 * format, so this looks for the phrases their APIs and HTTP stacks use, checked in this order:
 * authentication (no retry helps), temporary trouble (rate limits, overload, 5xx, network), a
 * rejected command line (an option this version does not know). Anything else is unknown.
 */
final class CliFailures {

  /** Why a tool failed. */
  enum Cause {
    AUTHENTICATION,
    TEMPORARY,
    USAGE,
    UNKNOWN
  }

  /**
   * A cause and the line of output that shows it (the last line of output for an unknown cause).
   */
  record Diagnosis(Cause cause, String evidence) {}

  private static final int EVIDENCE_LENGTH = 300;

  /** Only the end of long output is searched: errors come last, and the search stays quick. */
  private static final int SEARCHED_TAIL = 64 * 1024;

  private static final Pattern AUTHENTICATION =
      Pattern.compile(
          String.join(
              "|",
              "\\b(?:status|code|error|http)\\b\\W{0,12}401\\b",
              "\\b401\\b\\W{0,3}unauthori[sz]ed",
              "\\bunauthori[sz]ed\\b",
              "\\bnot (?:logged|signed) in\\b",
              "\\b(?:log|sign)[ -]?in (?:is )?required\\b",
              "please (?:run )?/?(?:login|log in|sign in)\\b",
              "\\binvalid[ _-](?:x-)?api[ _-]?key\\b",
              "\\bapi[ _-]?key\\b[^\\n]{0,40}\\b(?:invalid|not valid|missing|not set|not found|expired|revoked)\\b",
              "\\b(?:missing|no) api[ _-]?key\\b",
              "\\bauthentication[ _](?:error|failed|required)\\b",
              "\\b(?:oauth )?token (?:has )?expired\\b",
              "\\bcredentials? (?:not found|expired|invalid|are invalid)\\b",
              "\\bpermission_denied\\b"),
          Pattern.CASE_INSENSITIVE);

  private static final Pattern TEMPORARY =
      Pattern.compile(
          String.join(
              "|",
              "\\b429\\b",
              "too many requests",
              "\\brate[ _-]?limit",
              "\\boverloaded",
              "\\bresource[ _]exhausted\\b",
              "\\bquota\\b",
              "\\b(?:status|code|error|http)\\b\\W{0,12}5\\d\\d\\b",
              "\\b5\\d\\d\\W{0,3}(?:internal|bad gateway|service unavailable|gateway time-?out|overloaded)",
              "internal server error",
              "bad gateway",
              "service (?:temporarily )?unavailable",
              "gateway time-?out",
              "temporarily unavailable",
              "try again later",
              "\\bE(?:CONNRESET|CONNREFUSED|CONNABORTED|TIMEDOUT|NOTFOUND|AI_AGAIN|NETUNREACH|HOSTUNREACH|PIPE)\\b",
              "socket hang up",
              "network (?:error|is unreachable)",
              "connection (?:reset|refused|closed|error|timed out|aborted)",
              "\\btimed out\\b",
              "\\bfetch failed\\b",
              "\\bgetaddrinfo\\b",
              "could not resolve host",
              "stream (?:disconnected|error)",
              "upstream connect error"),
          Pattern.CASE_INSENSITIVE);

  private static final Pattern USAGE =
      Pattern.compile(
          String.join(
              "|",
              "\\bunknown (?:option|argument|flag|command|subcommand)\\b",
              "\\bunrecognized (?:option|argument|arguments|subcommand)\\b",
              "\\bunexpected argument\\b",
              "(?m)^\\s*usage:"),
          Pattern.CASE_INSENSITIVE);

  /** A reply that is only an error message, as some tools print on standard output with exit 0. */
  private static final Pattern ERROR_REPLY =
      Pattern.compile("^(?:API Error|Error|Invalid API key)\\b", Pattern.CASE_INSENSITIVE);

  private static final int ERROR_REPLY_LENGTH = 1000;

  private CliFailures() {}

  /** Why a tool failed, judged from its standard error, then its standard output. */
  static Diagnosis diagnose(String stdout, String stderr) {
    List<String> texts = List.of(tail(stderr), tail(stdout));
    for (Cause cause : List.of(Cause.AUTHENTICATION, Cause.TEMPORARY, Cause.USAGE)) {
      Pattern pattern = pattern(cause);
      for (String text : texts) {
        Matcher matcher = pattern.matcher(text);
        if (matcher.find()) {
          return new Diagnosis(cause, lineAround(text, matcher.start()));
        }
      }
    }
    return new Diagnosis(
        Cause.UNKNOWN, lastLine(tail(stderr)).or(() -> lastLine(tail(stdout))).orElse(""));
  }

  /**
   * The diagnosis of a reply that exited 0 but is nothing but a short error message ({@code API
   * Error: 529 overloaded}); empty for a real answer, also one that talks about errors.
   */
  static Optional<Diagnosis> errorReply(String stdout) {
    String reply = stdout == null ? "" : stdout.strip();
    if (reply.isEmpty()
        || reply.length() > ERROR_REPLY_LENGTH
        || !ERROR_REPLY.matcher(reply).find()) {
      return Optional.empty();
    }
    Diagnosis diagnosis = diagnose(reply, "");
    return diagnosis.cause() == Cause.UNKNOWN || diagnosis.cause() == Cause.USAGE
        ? Optional.empty()
        : Optional.of(diagnosis);
  }

  private static Pattern pattern(Cause cause) {
    return switch (cause) {
      case AUTHENTICATION -> AUTHENTICATION;
      case TEMPORARY -> TEMPORARY;
      case USAGE -> USAGE;
      case UNKNOWN -> throw new IllegalArgumentException("no pattern for unknown causes");
    };
  }

  private static String tail(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > SEARCHED_TAIL ? text.substring(text.length() - SEARCHED_TAIL) : text;
  }

  private static String lineAround(String text, int index) {
    int start = text.lastIndexOf('\n', index) + 1;
    int end = text.indexOf('\n', index);
    return shorten(text.substring(start, end < 0 ? text.length() : end).strip());
  }

  private static Optional<String> lastLine(String text) {
    List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    return lines.isEmpty() ? Optional.empty() : Optional.of(shorten(lines.get(lines.size() - 1)));
  }

  static String shorten(String text) {
    return text.length() > EVIDENCE_LENGTH ? text.substring(0, EVIDENCE_LENGTH) + "…" : text;
  }
}
