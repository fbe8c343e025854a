package dev.smileloop.api.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The JSON types each command's fields must have, taken from the OpenAPI contract ({@code
 * META-INF/openapi.yaml}, the document {@code /openapi} serves), so the document and the checks
 * cannot drift apart. JSON-B alone would coerce ({@code 5} into {@code "5"}, {@code "yes"} into
 * {@code false}); a body passes here first.
 *
 * <p>Only each command's own fields are checked: an object field that refers to another schema
 * ({@code config}, {@code studentOutput}) is checked as an object, because its reader in the core
 * names its fields itself and reads the agents' snake_case too.
 */
final class CommandSchemas {

  private static final String CONTRACT = "META-INF/openapi.yaml";

  private final Map<Class<? extends Command>, JsonSchema> schemas;

  CommandSchemas() {
    JsonNode components = contract().path("components").path("schemas");
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            builder ->
                builder
                    .metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    schemas =
        Map.of(
            StartLoopCommand.class, schema(factory, components, StartLoopCommand.class),
            StudentResultCommand.class, schema(factory, components, StudentResultCommand.class),
            MentorResultCommand.class, schema(factory, components, MentorResultCommand.class),
            StopCommand.class, schema(factory, components, StopCommand.class));
  }

  /**
   * What is wrong with {@code body}'s fields for {@code type}, in field order; a field that is
   * {@code null} counts as absent.
   */
  List<InvalidCommandException.Violation> check(Class<? extends Command> type, ObjectNode body) {
    ObjectNode present = body.deepCopy();
    present.properties().removeIf(field -> field.getValue().isNull());
    List<InvalidCommandException.Violation> violations = new ArrayList<>();
    schemas.get(type).validate(present).stream()
        .sorted(Comparator.comparing(ValidationMessage::getMessage))
        .map(CommandSchemas::violation)
        .forEach(violations::add);
    return violations;
  }

  private static InvalidCommandException.Violation violation(ValidationMessage message) {
    String location = message.getInstanceLocation().toString();
    String field = location.startsWith("$.") ? location.substring(2) : null;
    Object[] arguments = message.getArguments();
    return switch (message.getType()) {
      case "type" ->
          new InvalidCommandException.Violation(
              field,
              "must be "
                  + expected(String.valueOf(arguments[1]))
                  + ", got "
                  + found(String.valueOf(arguments[0])));
      case "required" ->
          new InvalidCommandException.Violation(message.getProperty(), "is required");
      case "format" ->
          new InvalidCommandException.Violation(
              field, format(arguments.length > 0 ? String.valueOf(arguments[0]) : ""));
      default ->
          new InvalidCommandException.Violation(
              field, message.getMessage().replaceFirst("^\\$(\\.[^:]*)?: ", ""));
    };
  }

  private static String format(String format) {
    return "date-time".equals(format) ? IsoInstant.MESSAGE : "must be in the format " + format;
  }

  private static String expected(String type) {
    return switch (type) {
      case "string" -> "a string";
      case "boolean" -> "true or false";
      case "object" -> "a JSON object";
      case "array" -> "a JSON array";
      case "integer" -> "a whole number";
      default -> "a " + type;
    };
  }

  private static String found(String type) {
    return switch (type) {
      case "integer", "number" -> "a number";
      case "array", "object" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static JsonSchema schema(
      JsonSchemaFactory factory, JsonNode components, Class<? extends Command> type) {
    JsonNode declared = components.path(type.getSimpleName());
    if (!declared.isObject()) {
      throw new IllegalStateException(CONTRACT + " has no schema " + type.getSimpleName());
    }
    ObjectNode schema = declared.deepCopy();
    schema
        .path("properties")
        .properties()
        .forEach(
            field -> {
              if (field.getValue().has("$ref")) {
                field.setValue(schema.objectNode().put("type", "object"));
              }
            });
    return factory.getSchema(schema);
  }

  private static JsonNode contract() {
    try (InputStream in = CommandSchemas.class.getClassLoader().getResourceAsStream(CONTRACT)) {
      if (in == null) {
        throw new IllegalStateException(CONTRACT + " is missing from the application");
      }
      return new YAMLMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CONTRACT, e);
    }
  }
}
