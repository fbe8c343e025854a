package dev.smileloop.agent.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.json.Jsonp;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.TutorialLocation;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes the Student output (SPEC section 4). Every field is accepted in camelCase or
 * snake_case, because LLM agents and external wrappers send snake_case while REST clients tend to
 * send camelCase. Writing always uses camelCase.
 *
 * <p>{@link #fromJson(JsonObject)} is strict: input from a REST client is checked and every problem
 * is reported with the path of the field. The Student output parser uses a lenient reading instead,
 * because an LLM that wrote almost-right JSON should not end the loop.
 */
public final class StudentOutputJson {

  static final String STATUS_VALUES = "completed, ask_mentor, cannot_complete";

  private StudentOutputJson() {}

  /**
   * Reads a Student output sent by a REST client or an external wrapper.
   *
   * @throws SmileException {@code INVALID_INPUT} naming the field that is missing or wrong
   */
  public static StudentOutput fromJson(JsonObject json) {
    return fromJson(json, "");
  }

  /**
   * As {@link #fromJson(JsonObject)}, with {@code path} prefixed to every field name in error
   * messages (for example {@code "studentOutput"} when the output sits inside a request body).
   */
  public static StudentOutput fromJson(JsonObject json, String path) {
    if (json == null) {
      throw SmileException.invalid(
          (path == null || path.isEmpty() ? "the Student output" : path)
              + " is required: an object with at least a status");
    }
    String prefix = path == null || path.isEmpty() ? "" : path + ".";
    return new FieldReader(json, prefix, true).output().output();
  }

  /** Writes a Student output in camelCase, leaving out absent (null) fields. */
  public static JsonObject toJson(StudentOutput output) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder();
    if (output.status() != null) {
      json.add("status", output.status().wireName());
    }
    addString(json, "currentStep", output.currentStep());
    json.add("attemptedActions", strings(output.attemptedActions()));
    addString(json, "problem", output.problem());
    addString(json, "questionForMentor", output.questionForMentor());
    addString(json, "reason", output.reason());
    addString(json, "summary", output.summary());
    json.add("filesCreated", strings(output.filesCreated()));
    json.add("commandsRun", strings(output.commandsRun()));
    if (output.location() != null) {
      json.add("location", location(output.location()));
    }
    addString(json, "trigger", output.trigger());
    addString(json, "nothingToValidate", output.nothingToValidate());
    JsonArrayBuilder commands = Jsonp.createArrayBuilder();
    for (CommandRecord command : output.commands()) {
      JsonObjectBuilder c = Jsonp.createObjectBuilder();
      addString(c, "command", command.command());
      c.add("line", command.line());
      addString(c, "step", command.step());
      c.add("exitCode", command.exitCode());
      addString(c, "outputExcerpt", command.outputExcerpt());
      c.add("durationMillis", command.durationMillis());
      c.add("timedOut", command.timedOut());
      c.add("fromMentor", command.fromMentor());
      addString(c, "limit", command.limit());
      commands.add(c);
    }
    json.add("commands", commands);
    JsonArrayBuilder notices = Jsonp.createArrayBuilder();
    for (Notice notice : output.notices()) {
      JsonObjectBuilder n = Jsonp.createObjectBuilder();
      addString(n, "trigger", notice.trigger());
      if (notice.location() != null) {
        n.add("location", location(notice.location()));
      }
      addString(n, "problem", notice.problem());
      addString(n, "workaround", notice.workaround());
      notices.add(n);
    }
    json.add("notices", notices);
    if (!output.environmentFindings().isEmpty()) {
      JsonArrayBuilder findings = Jsonp.createArrayBuilder();
      for (EnvironmentFinding finding : output.environmentFindings()) {
        JsonObjectBuilder f = Jsonp.createObjectBuilder();
        addString(f, "kind", finding.kind());
        if (finding.line() != null) {
          f.add("line", finding.line());
        }
        addString(f, "quote", finding.quote());
        addString(f, "step", finding.step());
        addString(f, "command", finding.command());
        addString(f, "evidence", finding.evidence());
        addString(f, "advice", finding.advice());
        findings.add(f);
      }
      json.add("environmentFindings", findings);
    }
    return json.build();
  }

  /**
   * Reads an object an LLM wrote, forgiving what can be forgiven: wrong scalar types are converted,
   * malformed optional parts are dropped, and a missing question or reason is filled in. Empty when
   * the object has no recognisable status, because then it is not a Student output at all.
   */
  static Optional<Candidate> lenient(JsonObject json) {
    return Optional.ofNullable(new FieldReader(json, "", false).output());
  }

  /**
   * A leniently read output; {@code complete} is false when the question (for {@code ask_mentor})
   * or the reason (for {@code cannot_complete}) had to be made up.
   */
  record Candidate(StudentOutput output, boolean complete) {}

  static String questionFallback(String problem, String currentStep) {
    if (problem != null && !problem.isBlank()) {
      return problem;
    }
    if (currentStep != null && !currentStep.isBlank()) {
      return "I am stuck at \"" + currentStep + "\". What should I do next?";
    }
    return "I am stuck. What should I do next?";
  }

  static String reasonFallback(String problem) {
    return problem != null && !problem.isBlank()
        ? problem
        : "The Student gave up without saying why.";
  }

  private static void addString(JsonObjectBuilder json, String name, String value) {
    if (value != null) {
      json.add(name, value);
    }
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder array = Jsonp.createArrayBuilder();
    values.forEach(array::add);
    return array;
  }

  private static JsonObjectBuilder location(TutorialLocation location) {
    JsonObjectBuilder json = Jsonp.createObjectBuilder().add("line", location.line());
    addString(json, "quote", location.quote());
    addString(json, "heading", location.heading());
    return json;
  }

  /** How a value looks in an error message: JSON text for scalars, a word for structures. */
  static String describe(JsonValue value) {
    return dev.smileloop.config.control.ConfigLoader.describe(value);
  }

  static String snakeCase(String camel) {
    StringBuilder snake = new StringBuilder(camel.length() + 4);
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        snake.append('_').append(Character.toLowerCase(c));
      } else {
        snake.append(c);
      }
    }
    return snake.toString();
  }

  /** A value found under one of a field's two spellings, with the path the sender used. */
  private record Named(String path, JsonValue value) {}

  /**
   * Reads one JSON object's fields. Strict readers throw on the first problem; lenient readers
   * convert or drop what does not fit.
   */
  private static final class FieldReader {
    private final JsonObject object;
    private final String prefix;
    private final boolean strict;

    FieldReader(JsonObject object, String prefix, boolean strict) {
      this.object = object;
      this.prefix = prefix;
      this.strict = strict;
    }

    Candidate output() {
      StudentStatus status = status();
      if (status == null) {
        return null;
      }
      String currentStep = string("currentStep");
      String problem = string("problem");
      String question = string("questionForMentor");
      String reason = string("reason");
      boolean complete = true;
      if (status == StudentStatus.ASK_MENTOR && isBlank(question)) {
        if (strict) {
          throw invalid(
              prefix
                  + "questionForMentor (or "
                  + prefix
                  + "question_for_mentor)"
                  + " is required and must not be blank when status is ask_mentor");
        }
        complete = false;
        question = questionFallback(problem, currentStep);
      }
      if (status == StudentStatus.CANNOT_COMPLETE && isBlank(reason)) {
        if (strict) {
          throw invalid(
              prefix + "reason is required and must not be blank when status is cannot_complete");
        }
        complete = false;
        reason = reasonFallback(problem);
      }
      StudentOutput output =
          StudentOutput.builder(status)
              .currentStep(currentStep)
              .attemptedActions(strings("attemptedActions"))
              .problem(problem)
              .questionForMentor(question)
              .reason(reason)
              .summary(string("summary"))
              .filesCreated(strings("filesCreated"))
              .commandsRun(strings("commandsRun"))
              .location(location(find("location")))
              .trigger(string("trigger"))
              .commands(commands())
              .notices(notices())
              .environmentFindings(environmentFindings())
              .nothingToValidate(string("nothingToValidate"))
              .build();
      return new Candidate(output, complete);
    }

    private StudentStatus status() {
      Named named = find("status");
      if (named == null) {
        if (strict) {
          throw invalid(prefix + "status is required: one of " + STATUS_VALUES);
        }
        return null;
      }
      if (named.value() instanceof JsonString text) {
        String wanted = strict ? text.getString() : text.getString().trim().replace(' ', '_');
        Optional<StudentStatus> status = StudentStatus.parse(wanted);
        if (status.isPresent()) {
          return status.get();
        }
      }
      if (strict) {
        throw invalid(
            named.path() + " must be one of " + STATUS_VALUES + ", got " + describe(named.value()));
      }
      return null;
    }

    /** The field under its camelCase or snake_case name; null when absent or JSON null. */
    private Named find(String camel) {
      JsonValue value = object.get(camel);
      String name = camel;
      String snake = snakeCase(camel);
      if (isAbsent(value) && !snake.equals(camel)) {
        value = object.get(snake);
        name = snake;
      }
      return isAbsent(value) ? null : new Named(prefix + name, value);
    }

    private String string(String camel) {
      return stringValue(find(camel));
    }

    private String stringValue(Named named) {
      if (named == null) {
        return null;
      }
      JsonValue value = named.value();
      if (value instanceof JsonString text) {
        return text.getString();
      }
      if (strict) {
        throw invalid(named.path() + " must be a string, got " + describe(value));
      }
      return switch (value.getValueType()) {
        case NUMBER, TRUE, FALSE -> value.toString();
        case ARRAY -> String.join("\n", lenientStrings(value.asJsonArray()));
        default -> null;
      };
    }

    private List<String> strings(String camel) {
      Named named = find(camel);
      if (named == null) {
        return List.of();
      }
      if (named.value() instanceof JsonArray array) {
        if (!strict) {
          return lenientStrings(array);
        }
        List<String> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
          if (!(array.get(i) instanceof JsonString text)) {
            throw invalid(
                named.path() + "[" + i + "] must be a string, got " + describe(array.get(i)));
          }
          values.add(text.getString());
        }
        return values;
      }
      if (strict) {
        throw invalid(
            named.path() + " must be an array of strings, got " + describe(named.value()));
      }
      String single = stringValue(named);
      return single == null ? List.of() : List.of(single);
    }

    private static List<String> lenientStrings(JsonArray array) {
      List<String> values = new ArrayList<>(array.size());
      for (JsonValue element : array) {
        if (element instanceof JsonString text) {
          values.add(text.getString());
        } else if (!isAbsent(element)) {
          values.add(element.toString());
        }
      }
      return values;
    }

    private JsonObject objectValue(Named named) {
      if (named == null) {
        return null;
      }
      if (named.value() instanceof JsonObject json) {
        return json;
      }
      if (strict) {
        throw invalid(named.path() + " must be an object, got " + describe(named.value()));
      }
      return null;
    }

    private FieldReader nested(JsonObject json, String path) {
      return new FieldReader(json, path + ".", strict);
    }

    private TutorialLocation location(Named named) {
      JsonObject json = objectValue(named);
      if (json == null) {
        return null;
      }
      FieldReader fields = nested(json, named.path());
      Long line = fields.number("line", 0, Integer.MAX_VALUE, "a non-negative integer");
      return new TutorialLocation(
          line == null ? 0 : line.intValue(), fields.string("quote"), fields.string("heading"));
    }

    private List<CommandRecord> commands() {
      return each(
          "commands",
          (fields, path) -> {
            String command = fields.string("command");
            if (command == null) {
              if (strict) {
                throw invalid(path + ".command is required");
              }
              return null;
            }
            Long line = fields.number("line", 0, Integer.MAX_VALUE, "a non-negative integer");
            Long exitCode =
                fields.number("exitCode", Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer");
            Long duration =
                fields.number("durationMillis", 0, Long.MAX_VALUE, "a non-negative integer");
            return new CommandRecord(
                command,
                line == null ? 0 : line.intValue(),
                fields.string("step"),
                exitCode == null ? 0 : exitCode.intValue(),
                fields.string("outputExcerpt"),
                duration == null ? 0 : duration,
                fields.bool("timedOut"),
                fields.bool("fromMentor"),
                fields.string("limit"));
          });
    }

    private List<EnvironmentFinding> environmentFindings() {
      return each(
          "environmentFindings",
          (fields, path) -> {
            String kind = fields.string("kind");
            if (kind == null) {
              if (strict) {
                throw invalid(path + ".kind is required");
              }
              return null;
            }
            Long line = fields.number("line", 0, Integer.MAX_VALUE, "a non-negative integer");
            return new EnvironmentFinding(
                kind,
                line == null ? null : line.intValue(),
                fields.string("quote"),
                fields.string("step"),
                fields.string("command"),
                fields.string("evidence"),
                fields.string("advice"));
          });
    }

    private List<Notice> notices() {
      return each(
          "notices",
          (fields, path) ->
              new Notice(
                  fields.string("trigger"),
                  fields.location(fields.find("location")),
                  fields.string("problem"),
                  fields.string("workaround")));
    }

    private interface ElementReader<T> {
      T read(FieldReader fields, String path);
    }

    /** Reads an array of objects; a lenient reader skips elements it cannot read. */
    private <T> List<T> each(String camel, ElementReader<T> reader) {
      Named named = find(camel);
      if (named == null) {
        return List.of();
      }
      if (!(named.value() instanceof JsonArray array)) {
        if (strict) {
          throw invalid(
              named.path() + " must be an array of objects, got " + describe(named.value()));
        }
        return List.of();
      }
      List<T> values = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        String path = named.path() + "[" + i + "]";
        JsonObject element = objectValue(new Named(path, array.get(i)));
        if (element == null) {
          continue;
        }
        T value = reader.read(nested(element, path), path);
        if (value != null) {
          values.add(value);
        }
      }
      return values;
    }

    private Long number(String camel, long min, long max, String expected) {
      Named named = find(camel);
      if (named == null) {
        return null;
      }
      if (named.value() instanceof JsonNumber number) {
        BigDecimal exact = number.bigDecimalValue();
        if (exact.signum() == 0 || exact.stripTrailingZeros().scale() <= 0) {
          if (exact.compareTo(BigDecimal.valueOf(min)) >= 0
              && exact.compareTo(BigDecimal.valueOf(max)) <= 0) {
            return exact.longValue();
          }
        }
      } else if (!strict && named.value() instanceof JsonString text) {
        try {
          long parsed = Long.parseLong(text.getString().trim());
          if (parsed >= min && parsed <= max) {
            return parsed;
          }
        } catch (NumberFormatException e) {
          return null;
        }
      }
      if (strict) {
        throw invalid(named.path() + " must be " + expected + ", got " + describe(named.value()));
      }
      return null;
    }

    private boolean bool(String camel) {
      Named named = find(camel);
      if (named == null) {
        return false;
      }
      JsonValue value = named.value();
      if (value.getValueType() == JsonValue.ValueType.TRUE) {
        return true;
      }
      if (value.getValueType() == JsonValue.ValueType.FALSE) {
        return false;
      }
      if (strict) {
        throw invalid(named.path() + " must be true or false, got " + describe(value));
      }
      return value instanceof JsonString text
          && text.getString().trim().toLowerCase(Locale.ROOT).equals("true");
    }

    private static boolean isAbsent(JsonValue value) {
      return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static boolean isBlank(String value) {
      return value == null || value.isBlank();
    }

    private static SmileException invalid(String message) {
      return SmileException.invalid("Invalid Student output: " + message);
    }
  }
}
