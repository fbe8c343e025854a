package dev.smileloop.agent.control;

import dev.smileloop.agent.control.StudentOutputJson.Candidate;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recovers a Student output from what an LLM actually printed (SPEC section 4). The strategies run
 * in the order the spec gives: a direct parse of the whole text, a fenced {@code json} block, the
 * first balanced {@code {…}} object, field-by-field extraction, and truncation repair (repair goes
 * before extraction when the text stops inside an object, because it keeps strictly more). The
 * first candidate that is a complete Student output wins; when every candidate lacks the question
 * or reason its status needs, the first usable one is taken with that part filled in. When nothing
 * usable is found the result is {@code cannot_complete}, and the raw text is kept so the audit log
 * can show what the agent said.
 *
 * <p>An agent's output may also be an envelope around the Student's JSON (an LLM command-line tool
 * that prints {@code {"result": "...the model's text..."}}, or a stream of JSON events): objects
 * without a status are searched for a nested output, including JSON held in strings.
 */
public final class StudentOutputParser {

  /** Names of the strategies, as {@link Result#strategy()} reports them. */
  public static final String DIRECT = "direct";

  public static final String FENCED = "fenced";
  public static final String BALANCED = "balanced";
  public static final String FIELDS = "fields";
  public static final String REPAIRED = "repaired";
  public static final String UNPARSEABLE = "unparseable";

  /** How many start positions the brace scans try, so hostile output cannot make them slow. */
  private static final int MAX_STARTS = 200;

  /** How deeply JSON held in strings of an envelope is followed. */
  private static final int MAX_TEXT_NESTING = 2;

  private static final int MAX_STRUCTURE_DEPTH = 8;

  private static final int EXCERPT_LENGTH = 500;

  /** Where a JSON object with at least one key begins. */
  private static final Pattern OBJECT_START = Pattern.compile("\\{\\s*\"");

  /** What follows a value in an echoed schema: {@code "completed" or "ask_mentor"}, {@code | }. */
  private static final Pattern ALTERNATIVE =
      Pattern.compile("\\s*(?:or|\\||/)\\s*[\"']", Pattern.CASE_INSENSITIVE);

  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

  private static final Pattern FENCE =
      Pattern.compile("(`{3,}|~{3,})[ \\t]*([A-Za-z0-9_+.-]*)[^\\n`]*\\n(.*?)\\1", Pattern.DOTALL);

  /**
   * A string in double or single quotes, as LLMs write JSON and Python-like dictionaries.
   * Possessive, because a backtracking group recurses once per character and overflows the stack on
   * long values.
   */
  private static final String QUOTED =
      "(?:\"((?:[^\"\\\\]++|\\\\.)*+)\"|'((?:[^'\\\\]++|\\\\.)*+)')";

  private static final Map<String, List<String>> SCALAR_FIELDS =
      Map.of(
          "summary", List.of("summary"),
          "currentStep", List.of("currentStep", "current_step"),
          "problem", List.of("problem"),
          "questionForMentor", List.of("questionForMentor", "question_for_mentor"),
          "reason", List.of("reason"),
          "trigger", List.of("trigger"));

  private static final Map<String, List<String>> ARRAY_FIELDS =
      Map.of(
          "attemptedActions", List.of("attemptedActions", "attempted_actions"),
          "filesCreated", List.of("filesCreated", "files_created"),
          "commandsRun", List.of("commandsRun", "commands_run"));

  /**
   * A recovered output, the strategy that recovered it ({@code direct}, {@code fenced}, {@code
   * balanced}, {@code fields}, {@code repaired} or {@code unparseable}) and the text it came from.
   */
  public record Result(StudentOutput output, String strategy, String raw) {

    public boolean recovered() {
      return !UNPARSEABLE.equals(strategy);
    }
  }

  private StudentOutputParser() {}

  /** Recovers the Student output from raw agent text; never throws. */
  public static Result parse(String raw) {
    String text = raw == null ? "" : raw;
    Search search = search(clean(text), 0);
    if (search.best() != null) {
      return new Result(search.best(), search.bestStrategy(), text);
    }
    return new Result(unparseable(text), UNPARSEABLE, text);
  }

  private static String clean(String text) {
    String cleaned = ANSI_ESCAPE.matcher(text).replaceAll("");
    return cleaned.startsWith("\uFEFF") ? cleaned.substring(1) : cleaned;
  }

  private static StudentOutput unparseable(String raw) {
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      return StudentOutput.of(
          StudentStatus.CANNOT_COMPLETE,
          null,
          "The Student produced no output.",
          null,
          "The Student's output could not be parsed: it was empty.",
          null);
    }
    String excerpt =
        trimmed.length() > EXCERPT_LENGTH ? trimmed.substring(0, EXCERPT_LENGTH) + "…" : trimmed;
    return StudentOutput.of(
        StudentStatus.CANNOT_COMPLETE,
        null,
        "Unparseable Student output: " + excerpt,
        null,
        "The Student's output could not be parsed: no JSON object with a status of "
            + StudentOutputJson.STATUS_VALUES
            + " was found in "
            + trimmed.length()
            + " characters of output (the raw output is kept for the audit log).",
        null);
  }

  private static Search search(String text, int nesting) {
    Search search = new Search(nesting);
    for (Strategy strategy : STRATEGIES) {
      if (strategy.offerCandidates(text, search)) {
        break;
      }
    }
    return search;
  }

  /** One way of finding candidates in the text; true once a complete output was found. */
  private interface Strategy {
    boolean offerCandidates(String text, Search search);
  }

  private static final List<Strategy> STRATEGIES =
      List.of(
          StudentOutputParser::direct,
          StudentOutputParser::fenced,
          StudentOutputParser::balanced,
          StudentOutputParser::lastResort);

  /**
   * Field extraction, then truncation repair; but when the text stops inside an object, repair goes
   * first. A repaired object holds every field extraction would find, plus the value that was cut
   * off and the nested objects (location, commands) that extraction cannot read.
   */
  private static boolean lastResort(String text, Search search) {
    return endsInsideAnObject(text)
        ? repaired(text, search) || fields(text, search)
        : fields(text, search) || repaired(text, search);
  }

  private static boolean endsInsideAnObject(String text) {
    Matcher start = OBJECT_START.matcher(text);
    if (!start.find()) {
      return false;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = start.start(); i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return inString || depth > 0;
  }

  // ---- 1. direct -------------------------------------------------------------------------

  private static boolean direct(String text, Search search) {
    return parseJson(text.strip()).map(v -> search.offer(v, DIRECT)).orElse(false);
  }

  // ---- 2. fenced -------------------------------------------------------------------------

  private static boolean fenced(String text, Search search) {
    List<String> labelled = new ArrayList<>();
    List<String> unlabelled = new ArrayList<>();
    Matcher fence = FENCE.matcher(text);
    while (fence.find()) {
      String label = fence.group(2).toLowerCase(java.util.Locale.ROOT);
      String content = fence.group(3).strip();
      if (label.startsWith("json")) {
        labelled.add(content);
      } else if (label.isEmpty() && (content.startsWith("{") || content.startsWith("["))) {
        unlabelled.add(content);
      }
    }
    for (List<String> blocks : List.of(labelled, unlabelled)) {
      for (String block : blocks) {
        Optional<JsonValue> value = parseJson(block);
        if (value.isPresent() && search.offer(value.get(), FENCED)) {
          return true;
        }
      }
    }
    return false;
  }

  // ---- 3. balanced -----------------------------------------------------------------------

  private static boolean balanced(String text, Search search) {
    int from = 0;
    for (int tries = 0; tries < MAX_STARTS; tries++) {
      int start = text.indexOf('{', from);
      if (start < 0) {
        return false;
      }
      int end = balancedEnd(text, start);
      if (end < 0) {
        // Cut off, but an object nested in it may still be whole.
        from = start + 1;
        continue;
      }
      Optional<JsonValue> value = parseJson(text.substring(start, end + 1));
      if (value.isPresent()) {
        if (search.offer(value.get(), BALANCED)) {
          return true;
        }
        from = end + 1;
      } else {
        from = start + 1;
      }
    }
    return false;
  }

  /** The index of the brace closing the object opened at {@code start}, or -1; string aware. */
  private static int balancedEnd(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  // ---- 4. fields -------------------------------------------------------------------------

  private static boolean fields(String text, Search search) {
    Matcher status = keyValue("status").matcher(text);
    while (status.find()) {
      String value = unquoted(status);
      if (StudentStatus.parse(value.replace(' ', '_')).isEmpty()
          || ALTERNATIVE.matcher(text).region(status.end(), text.length()).lookingAt()) {
        // "completed" or "ask_mentor" ...: the answer schema echoed back, not an answer.
        continue;
      }
      // Take the other fields from the object the status stands in, where it can be told.
      int objectStart = Math.max(0, text.lastIndexOf('{', status.start()));
      String scope = text.substring(objectStart);
      JsonObjectBuilder json = Jsonp.createObjectBuilder().add("status", value);
      SCALAR_FIELDS.forEach(
          (name, keys) -> firstScalar(scope, keys).ifPresent(v -> json.add(name, v)));
      ARRAY_FIELDS.forEach(
          (name, keys) -> firstArray(scope, keys).ifPresent(v -> json.add(name, v)));
      if (search.offer(json.build(), FIELDS)) {
        return true;
      }
    }
    return false;
  }

  private static Pattern keyValue(String key) {
    return Pattern.compile("[\"']" + Pattern.quote(key) + "[\"']\\s*:\\s*" + QUOTED);
  }

  private static Optional<String> firstScalar(String text, List<String> keys) {
    for (String key : keys) {
      Matcher matcher = keyValue(key).matcher(text);
      if (matcher.find()) {
        return Optional.of(unquoted(matcher));
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonArrayBuilder> firstArray(String text, List<String> keys) {
    for (String key : keys) {
      Matcher matcher =
          Pattern.compile("[\"']" + Pattern.quote(key) + "[\"']\\s*:\\s*\\[").matcher(text);
      if (matcher.find()) {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        Matcher element = Pattern.compile("\\G\\s*,?\\s*" + QUOTED).matcher(text);
        int at = matcher.end();
        while (element.find(at)) {
          array.add(unquoted(element));
          at = element.end();
        }
        return Optional.of(array);
      }
    }
    return Optional.empty();
  }

  private static String unquoted(Matcher matcher) {
    String doubleQuoted = matcher.group(1);
    return unescape(doubleQuoted != null ? doubleQuoted : matcher.group(2));
  }

  /** Undoes JSON string escapes (and {@code \'}, which Python-like output uses). */
  private static String unescape(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(++i);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (i + 4 < text.length() && text.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append("\\u");
          }
        }
        default -> out.append(escaped);
      }
    }
    return out.toString();
  }

  // ---- 5. repaired -----------------------------------------------------------------------

  private static boolean repaired(String text, Search search) {
    Matcher start = OBJECT_START.matcher(text);
    int from = 0;
    for (int tries = 0; tries < MAX_STARTS && start.find(from); tries++) {
      String repaired = Repair.repair(text, start.start());
      if (repaired != null) {
        Optional<JsonValue> value = parseJson(repaired);
        if (value.isPresent() && search.offer(value.get(), REPAIRED)) {
          return true;
        }
      }
      from = start.start() + 1;
    }
    return false;
  }

  // ---- shared ----------------------------------------------------------------------------

  /** Parses exactly one JSON value with nothing but whitespace after it. */
  static Optional<JsonValue> parseJson(String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try (JsonParser parser = Jsonp.createParser(new StringReader(text))) {
      parser.next();
      JsonValue value = parser.getValue();
      return parser.hasNext() ? Optional.empty() : Optional.of(value);
    } catch (RuntimeException e) {
      // Not JSON (the parser also throws plain runtime exceptions, for example on deep
      // nesting): the caller moves on to the next strategy.
      return Optional.empty();
    }
  }

  /**
   * Collects candidates in the order the strategies find them: the first complete one ends the
   * search, the first usable one is kept in case no complete one turns up.
   */
  private static final class Search {
    private final int nesting;
    private Candidate complete;
    private String completeStrategy;
    private Candidate usable;
    private String usableStrategy;

    Search(int nesting) {
      this.nesting = nesting;
    }

    StudentOutput best() {
      Candidate best = complete != null ? complete : usable;
      return best == null ? null : best.output();
    }

    String bestStrategy() {
      return complete != null ? completeStrategy : usableStrategy;
    }

    /** Offers a parsed value; true once a complete output has been found. */
    boolean offer(JsonValue value, String strategy) {
      return offer(value, strategy, 0);
    }

    private boolean offer(JsonValue value, String strategy, int depth) {
      if (depth > MAX_STRUCTURE_DEPTH) {
        return false;
      }
      switch (value.getValueType()) {
        case OBJECT -> {
          JsonObject object = value.asJsonObject();
          if (object.containsKey("status")) {
            StudentOutputJson.lenient(object).ifPresent(c -> record(c, strategy));
            if (complete != null) {
              return true;
            }
          }
          for (JsonValue member : object.values()) {
            if (offer(member, strategy, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case ARRAY -> {
          for (JsonValue element : value.asJsonArray()) {
            if (offer(element, strategy, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case STRING -> {
          String text = ((JsonString) value).getString();
          if (nesting >= MAX_TEXT_NESTING || !text.contains("status") || text.indexOf('{') < 0) {
            return false;
          }
          Search inner = search(clean(text), nesting + 1);
          if (inner.complete != null) {
            record(inner.complete, strategy);
          } else if (inner.usable != null) {
            record(inner.usable, strategy);
          }
          return complete != null;
        }
        default -> {
          return false;
        }
      }
    }

    private void record(Candidate candidate, String strategy) {
      if (candidate.complete()) {
        if (complete == null) {
          complete = candidate;
          completeStrategy = strategy;
        }
      } else if (usable == null) {
        usable = candidate;
        usableStrategy = strategy;
      }
    }
  }

  /**
   * Completes JSON that was cut off: closes an open string, drops a dangling key, colon, comma or
   * half-written literal, and closes every open array and object. Returns null when the text is not
   * the beginning of a JSON object (an unexpected character, a mismatched bracket).
   */
  private static final class Repair {
    private static final Pattern LITERAL =
        Pattern.compile("true|false|null|-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private enum State {
      AFTER_OPEN,
      AFTER_KEY,
      AFTER_COLON,
      AFTER_VALUE,
      AFTER_COMMA
    }

    /** An open object or array and where inside it the text stopped. */
    private static final class Frame {
      final boolean object;
      State state = State.AFTER_OPEN;

      Frame(boolean object) {
        this.object = object;
      }

      boolean expectsValue() {
        return object ? state == State.AFTER_COLON : state != State.AFTER_VALUE;
      }

      boolean expectsKey() {
        return object && (state == State.AFTER_OPEN || state == State.AFTER_COMMA);
      }
    }

    /** A token written out, and the state of its frame before it, to undo it. */
    private record Token(String text, Frame frame, State before) {}

    private final List<Token> tokens = new ArrayList<>();
    private final List<Frame> stack = new ArrayList<>();

    static String repair(String text, int start) {
      return new Repair().run(text, start);
    }

    private String run(String text, int start) {
      int i = start;
      boolean closed = false;
      while (i < text.length() && !closed) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
          continue;
        }
        if (c == '`') {
          // The closing fence of a Markdown block: the JSON stopped before it.
          break;
        }
        if (stack.isEmpty() && c != '{') {
          return null;
        }
        Frame frame = stack.isEmpty() ? null : top();
        switch (c) {
          case '{', '[' -> {
            if (frame != null && !frame.expectsValue()) {
              return null;
            }
            if (frame != null) {
              emit(String.valueOf(c), frame, State.AFTER_VALUE);
            } else {
              tokens.add(new Token("{", null, null));
            }
            stack.add(new Frame(c == '{'));
            i++;
          }
          case '}', ']' -> {
            if (frame.object != (c == '}')) {
              return null;
            }
            if (frame.state == State.AFTER_COMMA) {
              undo(); // a trailing comma
            }
            if (frame.state != State.AFTER_OPEN && frame.state != State.AFTER_VALUE) {
              return null;
            }
            tokens.add(new Token(String.valueOf(c), null, null));
            stack.remove(stack.size() - 1);
            closed = stack.isEmpty();
            i++;
          }
          case ':' -> {
            if (frame.state != State.AFTER_KEY) {
              return null;
            }
            emit(":", frame, State.AFTER_COLON);
            i++;
          }
          case ',' -> {
            if (frame.state != State.AFTER_VALUE) {
              return null;
            }
            emit(",", frame, State.AFTER_COMMA);
            i++;
          }
          case '"' -> {
            int end = stringEnd(text, i);
            String string = end < 0 ? closeString(text.substring(i)) : text.substring(i, end + 1);
            if (frame.expectsKey()) {
              emit(string, frame, State.AFTER_KEY);
            } else if (frame.expectsValue()) {
              emit(string, frame, State.AFTER_VALUE);
            } else {
              return null;
            }
            i = end < 0 ? text.length() : end + 1;
          }
          default -> {
            int end = i;
            while (end < text.length()
                && "+-.eE0123456789truefalsn".indexOf(text.charAt(end)) >= 0) {
              end++;
            }
            if (end == i || !frame.expectsValue()) {
              return null;
            }
            String literal = text.substring(i, end);
            if (LITERAL.matcher(literal).matches()) {
              emit(literal, frame, State.AFTER_VALUE);
            } else if (end < text.length()) {
              return null;
            }
            // A literal cut off at the end of the text is left out; the tail trim then drops
            // its key.
            i = end;
          }
        }
      }
      if (!closed) {
        trimDanglingTail();
        for (int f = stack.size() - 1; f >= 0; f--) {
          tokens.add(new Token(stack.get(f).object ? "}" : "]", null, null));
        }
      }
      StringBuilder json = new StringBuilder();
      tokens.forEach(t -> json.append(t.text()));
      return json.toString();
    }

    private Frame top() {
      return stack.get(stack.size() - 1);
    }

    private void emit(String text, Frame frame, State after) {
      tokens.add(new Token(text, frame, frame.state));
      frame.state = after;
    }

    private void undo() {
      Token last = tokens.remove(tokens.size() - 1);
      last.frame().state = last.before();
    }

    /** Drops what cannot end an object or array: a key, a colon, a comma. */
    private void trimDanglingTail() {
      Frame frame = top();
      while (frame.state == State.AFTER_KEY
          || frame.state == State.AFTER_COLON
          || frame.state == State.AFTER_COMMA) {
        undo();
      }
    }

    /** The index of the quote closing the string opened at {@code start}, or -1. */
    private static int stringEnd(String text, int start) {
      for (int i = start + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i;
        }
      }
      return -1;
    }

    /** Closes a string that runs to the end of the text, dropping a half-written escape. */
    private static String closeString(String open) {
      String body = open.replaceFirst("\\\\u[0-9a-fA-F]{0,3}$", "");
      int backslashes = 0;
      for (int i = body.length() - 1; i >= 0 && body.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 1) {
        body = body.substring(0, body.length() - 1);
      }
      return body + '"';
    }
  }
}
