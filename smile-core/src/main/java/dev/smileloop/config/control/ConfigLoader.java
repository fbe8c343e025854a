package dev.smileloop.config.control;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.EnvironmentSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.MentorMode;
import dev.smileloop.config.entity.ModelSettings;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.json.Jsonp;
import dev.smileloop.problem.SmileException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code smile.json} (SPEC section 1) and writes it back. Every field is optional and falls
 * back to its default; unknown fields are ignored so older servers accept newer files; a value of
 * the wrong type, a non-positive number or an unknown enum value is rejected with a message that
 * names the field, what was expected and what was found.
 */
public final class ConfigLoader {

  private static final Pattern PARSSON_LOCATION = Pattern.compile("\\s*at \\(line no=.*?\\)");

  private static final Pattern PARSSON_TOKENS =
      Pattern.compile("Invalid token=(\\w+)\\.? ?Expected tokens are: \\[(.*)\\]");

  private static final Pattern PARSSON_CHARACTER =
      Pattern.compile("Unexpected char (\\d+)(?:, expecting '(.)')?");

  private static final List<String> VALUE_TOKENS =
      List.of("CURLYOPEN", "SQUAREOPEN", "STRING", "NUMBER", "TRUE", "FALSE", "NULL");

  private static final Map<String, String> TOKEN_NAMES =
      Map.ofEntries(
          Map.entry("CURLYOPEN", "'{'"),
          Map.entry("CURLYCLOSE", "'}'"),
          Map.entry("SQUAREOPEN", "'['"),
          Map.entry("SQUARECLOSE", "']'"),
          Map.entry("COLON", "':'"),
          Map.entry("COMMA", "','"),
          Map.entry("STRING", "a string"),
          Map.entry("NUMBER", "a number"),
          Map.entry("TRUE", "true"),
          Map.entry("FALSE", "false"),
          Map.entry("NULL", "null"),
          Map.entry("EOF", "the end of the file"));

  private static final String TRAILING_CONTENT =
      "unexpected content after the top-level object (a file holds exactly one JSON object)";

  private ConfigLoader() {}

  /**
   * Loads a configuration file; an absent file gives the defaults, with relative paths resolved
   * against the folder the file would have been in.
   *
   * @throws SmileException {@code INVALID_INPUT} for unreadable, malformed or invalid content
   */
  public static SmileConfig load(Path configFile) {
    Path file = configFile.toAbsolutePath().normalize();
    Path baseDir = file.getParent() == null ? file : file.getParent();
    if (!Files.exists(file)) {
      return SmileConfig.defaults(baseDir);
    }
    if (Files.isDirectory(file)) {
      throw SmileException.invalid(
          configFile + " is a folder; give the path of the configuration file (smile.json)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw SmileException.invalid(configFile + ": not valid UTF-8; save the file as UTF-8");
    } catch (IOException e) {
      throw new SmileException(
          SmileException.Kind.INVALID_INPUT, configFile + ": cannot be read: " + e.getMessage(), e);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank()) {
      throw SmileException.invalid(
          configFile + ": the file is empty; write {} to use every default");
    }
    JsonValue value = parse(configFile, text);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw SmileException.invalid(
          configFile + ": the top level must be a JSON object, got " + describe(value));
    }
    try {
      return fromJson(value.asJsonObject(), baseDir);
    } catch (SmileException e) {
      throw new SmileException(e.kind(), configFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads a configuration over the defaults, relative paths resolving against {@code baseDir}. */
  public static SmileConfig fromJson(JsonObject json, Path baseDir) {
    return fromJson(json, SmileConfig.defaults(baseDir));
  }

  /**
   * Applies the fields present in {@code json} over {@code base}: a REST request can override some
   * values of a file and keep the rest. {@code baseDir} stays the base's.
   *
   * @throws SmileException {@code INVALID_INPUT} naming the field whose value is wrong
   */
  public static SmileConfig fromJson(JsonObject json, SmileConfig base) {
    Fields top = new Fields(json, "");
    StudentBehavior behavior = base.studentBehavior();
    Optional<Fields> behaviorFields = top.object("studentBehavior");
    if (behaviorFields.isPresent()) {
      Fields b = behaviorFields.get();
      behavior =
          new StudentBehavior(
              b.positiveInt("maxRetriesBeforeHelp", behavior.maxRetriesBeforeHelp()),
              b.bool("askOnMissingDependency", behavior.askOnMissingDependency()),
              b.bool("askOnAmbiguousInstruction", behavior.askOnAmbiguousInstruction()),
              b.bool("askOnCommandFailure", behavior.askOnCommandFailure()),
              b.bool("askOnTimeout", behavior.askOnTimeout()),
              b.positiveInt("timeoutSeconds", behavior.timeoutSeconds()),
              b.enumValue(
                  "patienceLevel",
                  behavior.patienceLevel(),
                  Patience::parse,
                  Patience.values(),
                  Patience::wireName));
    }
    ContainerSettings container = base.container();
    Optional<Fields> containerFields = top.object("container");
    if (containerFields.isPresent()) {
      Fields c = containerFields.get();
      container =
          new ContainerSettings(
              c.bool("keepOnFailure", container.keepOnFailure()),
              c.bool("keepOnSuccess", container.keepOnSuccess()),
              c.bool("network", container.network()),
              c.bool("allowUnsandboxed", container.allowUnsandboxed()),
              limits(c, container.limits()));
    }
    ModelSettings model = base.model();
    Optional<Fields> modelFields = top.object("model");
    if (modelFields.isPresent()) {
      Fields m = modelFields.get();
      model =
          new ModelSettings(
              m.string("baseUrl", model.baseUrl()),
              m.string("name", model.name()),
              m.string("apiKeyEnv", model.apiKeyEnv()),
              m.nonNegativeNumber("temperature", model.temperature()),
              m.positiveInt("maxTokens", model.maxTokens()),
              m.positiveInt("contextSize", model.contextSize()),
              m.positiveInt("timeoutSeconds", model.timeoutSeconds()),
              m.positiveInt("mentorTimeoutSeconds", model.mentorTimeoutSeconds()),
              m.positiveInt("maxToolCalls", model.maxToolCalls()));
    }
    return new SmileConfig(
        base.baseDir(),
        top.path("tutorial", base.tutorial()),
        top.enumValue(
            "llmProvider",
            base.llmProvider(),
            LlmProvider::parse,
            LlmProvider.values(),
            LlmProvider::wireName),
        top.positiveInt("maxIterations", base.maxIterations()),
        top.positiveInt("timeout", base.timeout()),
        top.string("containerImage", base.containerImage()),
        behavior,
        container,
        top.path("stateFile", base.stateFile()),
        top.path("outputDir", base.outputDir()),
        top.enumValue(
            "mentor", base.mentor(), MentorMode::parse, MentorMode.values(), MentorMode::wireName),
        environment(top, base.environment()),
        model);
  }

  private static EnvironmentSettings environment(Fields top, EnvironmentSettings current) {
    Optional<Fields> fields = top.object("environment");
    return fields.isEmpty()
        ? current
        : new EnvironmentSettings(fields.get().strings("baseline", current.baseline()));
  }

  private static SandboxLimits limits(Fields container, SandboxLimits current) {
    Optional<Fields> limitFields = container.object("limits");
    if (limitFields.isEmpty()) {
      return current;
    }
    Fields l = limitFields.get();
    return new SandboxLimits(
        l.positiveInt("processes", current.processes()),
        l.positiveInt("memoryMb", current.memoryMb()),
        l.positiveInt("fileSizeMb", current.fileSizeMb()),
        l.positiveInt("workspaceMb", current.workspaceMb()),
        l.positiveInt("tmpMb", current.tmpMb()),
        l.positiveInt("cpuSeconds", current.cpuSeconds()));
  }

  /** Writes every field (but not the base folder) so that {@link #fromJson} reads it back. */
  public static JsonObject toJson(SmileConfig config) {
    StudentBehavior behavior = config.studentBehavior();
    ContainerSettings container = config.container();
    return Jsonp.createObjectBuilder()
        .add("tutorial", config.tutorial())
        .add("llmProvider", config.llmProvider().wireName())
        .add("maxIterations", config.maxIterations())
        .add("timeout", config.timeout())
        .add("containerImage", config.containerImage())
        .add(
            "studentBehavior",
            Jsonp.createObjectBuilder()
                .add("maxRetriesBeforeHelp", behavior.maxRetriesBeforeHelp())
                .add("askOnMissingDependency", behavior.askOnMissingDependency())
                .add("askOnAmbiguousInstruction", behavior.askOnAmbiguousInstruction())
                .add("askOnCommandFailure", behavior.askOnCommandFailure())
                .add("askOnTimeout", behavior.askOnTimeout())
                .add("timeoutSeconds", behavior.timeoutSeconds())
                .add("patienceLevel", behavior.patienceLevel().wireName()))
        .add(
            "container",
            Jsonp.createObjectBuilder()
                .add("keepOnFailure", container.keepOnFailure())
                .add("keepOnSuccess", container.keepOnSuccess())
                .add("network", container.network())
                .add("allowUnsandboxed", container.allowUnsandboxed())
                .add(
                    "limits",
                    Jsonp.createObjectBuilder()
                        .add("processes", container.limits().processes())
                        .add("memoryMb", container.limits().memoryMb())
                        .add("fileSizeMb", container.limits().fileSizeMb())
                        .add("workspaceMb", container.limits().workspaceMb())
                        .add("tmpMb", container.limits().tmpMb())
                        .add("cpuSeconds", container.limits().cpuSeconds())))
        .add("stateFile", config.stateFile())
        .add("outputDir", config.outputDir())
        .add("mentor", config.mentor().wireName())
        .add(
            "environment",
            Jsonp.createObjectBuilder()
                .add("baseline", Jsonp.createArrayBuilder(config.environment().baseline())))
        .add("model", modelJson(config.model()))
        .build();
  }

  private static jakarta.json.JsonObjectBuilder modelJson(ModelSettings m) {
    jakarta.json.JsonObjectBuilder json = Jsonp.createObjectBuilder();
    Optional.ofNullable(m.baseUrl()).ifPresent(v -> json.add("baseUrl", v));
    Optional.ofNullable(m.name()).ifPresent(v -> json.add("name", v));
    Optional.ofNullable(m.apiKeyEnv()).ifPresent(v -> json.add("apiKeyEnv", v));
    Optional.ofNullable(m.temperature()).ifPresent(v -> json.add("temperature", v));
    Optional.ofNullable(m.maxTokens()).ifPresent(v -> json.add("maxTokens", v));
    Optional.ofNullable(m.contextSize()).ifPresent(v -> json.add("contextSize", v));
    Optional.ofNullable(m.timeoutSeconds()).ifPresent(v -> json.add("timeoutSeconds", v));
    Optional.ofNullable(m.mentorTimeoutSeconds())
        .ifPresent(v -> json.add("mentorTimeoutSeconds", v));
    Optional.ofNullable(m.maxToolCalls()).ifPresent(v -> json.add("maxToolCalls", v));
    return json;
  }

  /** Parses exactly one JSON value, reporting a syntax error with its line and column. */
  private static JsonValue parse(Path configFile, String text) {
    JsonValue value;
    JsonLocation trailing = null;
    try (JsonParser parser = Jsonp.createParser(new StringReader(text))) {
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        trailing = parser.getLocation();
      }
    } catch (JsonParsingException e) {
      throw syntaxError(configFile, e.getLocation(), readable(e.getMessage()));
    } catch (RuntimeException e) {
      // JsonException, and plain runtime exceptions the parser throws for deep nesting.
      throw SmileException.invalid(configFile + ": invalid JSON: " + e.getMessage());
    }
    if (trailing != null) {
      throw syntaxError(configFile, trailing, TRAILING_CONTENT);
    }
    return value;
  }

  private static SmileException syntaxError(Path file, JsonLocation location, String detail) {
    String where =
        location == null
            ? ""
            : " at line "
                + location.getLineNumber()
                + ", column "
                + Math.max(1, location.getColumnNumber());
    return SmileException.invalid(file + ": invalid JSON" + where + ": " + detail);
  }

  /** Turns the parser's token names into words, and points out the commonest slip. */
  private static String readable(String message) {
    String plain = PARSSON_LOCATION.matcher(message).replaceAll("");
    if (plain.startsWith("Expected EOF token")) {
      return TRAILING_CONTENT;
    }
    Matcher character = PARSSON_CHARACTER.matcher(plain);
    if (character.find()) {
      String found = "unexpected character " + character(Integer.parseInt(character.group(1)));
      return character.group(2) == null
          ? found
          : found + " (expected '" + character.group(2) + "')";
    }
    Matcher tokens = PARSSON_TOKENS.matcher(plain);
    if (!tokens.find()) {
      return plain;
    }
    String found = TOKEN_NAMES.getOrDefault(tokens.group(1), tokens.group(1));
    List<String> expectedTokens = List.of(tokens.group(2).split(",\\s*"));
    String expected =
        expectedTokens.containsAll(VALUE_TOKENS)
            ? "a value"
            : expectedTokens.stream()
                .map(t -> TOKEN_NAMES.getOrDefault(t, t))
                .collect(Collectors.joining(" or "));
    String hint =
        tokens.group(1).equals("CURLYCLOSE") && tokens.group(2).equals("STRING")
            ? " (a comma before '}' is not allowed in JSON)"
            : "";
    return "found " + found + " where " + expected + " was expected" + hint;
  }

  private static String character(int code) {
    return switch (code) {
      case '\n', '\r' -> "line break (a string must end on the line it starts; write \\n)";
      case '\t' -> "tab (write \\t inside a string)";
      default ->
          code < 0x20 || code == 0x7F
              ? String.format(Locale.ROOT, "U+%04X", code)
              : "'" + Character.toString(code) + "'";
    };
  }

  /** How a value looks in an error message: JSON text for scalars, a word for structures. */
  public static String describe(JsonValue value) {
    String text =
        switch (value.getValueType()) {
          case OBJECT -> "an object";
          case ARRAY -> "an array";
          default -> value.toString();
        };
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** The fields of one configuration object; {@code prefix} makes error messages name the path. */
  private static final class Fields {
    private final JsonObject json;
    private final String prefix;

    Fields(JsonObject json, String prefix) {
      this.json = json;
      this.prefix = prefix;
    }

    /** The value, or null when it is absent or JSON null (both mean "keep the default"). */
    private JsonValue value(String name) {
      JsonValue value = json.get(name);
      return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private SmileException wrong(String name, String expected, JsonValue got) {
      return SmileException.invalid(
          prefix + name + " must be " + expected + ", got " + describe(got));
    }

    Optional<Fields> object(String name) {
      JsonValue value = value(name);
      if (value == null) {
        return Optional.empty();
      }
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw wrong(name, "an object", value);
      }
      return Optional.of(new Fields(value.asJsonObject(), prefix + name + "."));
    }

    String string(String name, String current) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      if (!(value instanceof JsonString text) || text.getString().isBlank()) {
        throw wrong(name, "a non-empty string", value);
      }
      return text.getString();
    }

    /** A string that must also be usable as a file path. */
    String path(String name, String current) {
      String text = string(name, current);
      try {
        Path.of(text);
      } catch (InvalidPathException e) {
        throw SmileException.invalid(
            prefix
                + name
                + " must be a valid path, got "
                + describe(Jsonp.createValue(text))
                + ": "
                + e.getReason());
      }
      return text;
    }

    /** A positive integer that may stay unset (null). */
    Integer positiveInt(String name, Integer current) {
      return value(name) == null ? current : Integer.valueOf(positiveInt(name, 1));
    }

    Double nonNegativeNumber(String name, Double current) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      if (value instanceof JsonNumber number && number.doubleValue() >= 0) {
        return number.doubleValue();
      }
      throw wrong(name, "a number of at least 0", value);
    }

    int positiveInt(String name, int current) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      if (value instanceof JsonNumber number) {
        BigDecimal exact = number.bigDecimalValue();
        boolean integral = exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0;
        if (integral
            && exact.signum() > 0
            && exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
          return exact.intValueExact();
        }
        if (integral && exact.signum() > 0) {
          throw wrong(name, "a positive integer no greater than " + Integer.MAX_VALUE, value);
        }
      }
      throw wrong(name, "a positive integer", value);
    }

    /** An array of non-empty strings. */
    List<String> strings(String name, List<String> current) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      if (value.getValueType() != JsonValue.ValueType.ARRAY) {
        throw wrong(name, "an array of strings", value);
      }
      List<String> values = new java.util.ArrayList<>();
      JsonArray array = value.asJsonArray();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.get(i) instanceof JsonString text) || text.getString().isBlank()) {
          throw wrong(name + "[" + i + "]", "a non-empty string", array.get(i));
        }
        values.add(text.getString().strip());
      }
      return values;
    }

    boolean bool(String name, boolean current) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      return switch (value.getValueType()) {
        case TRUE -> true;
        case FALSE -> false;
        default -> throw wrong(name, "true or false", value);
      };
    }

    <E> E enumValue(
        String name,
        E current,
        Function<String, Optional<E>> parse,
        E[] values,
        Function<E, String> wireName) {
      JsonValue value = value(name);
      if (value == null) {
        return current;
      }
      Optional<E> parsed =
          value instanceof JsonString text ? parse.apply(text.getString()) : Optional.empty();
      return parsed.orElseThrow(
          () ->
              wrong(
                  name,
                  "one of " + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")),
                  value));
    }
  }
}
