package dev.smileloop.api.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Reads a {@link Command} from a request body in four steps, each with errors that name the field:
 * JSON syntax (line and column), JSON types against the command's schema ({@link CommandSchemas}),
 * binding with JSON-B, and the command's Bean Validation constraints. Any failure is an {@link
 * InvalidCommandException}. One instance serves every request: the parser, the schemas, the {@link
 * Jsonb} and the {@link Validator} are built once.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class CommandReader implements MessageBodyReader<Command> {

  private static final ObjectMapper PARSER =
      new ObjectMapper(
              JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final CommandSchemas schemas = new CommandSchemas();
  private final Jsonb jsonb = JsonbBuilder.create();
  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return Command.class.isAssignableFrom(type);
  }

  @Override
  public Command readFrom(
      Class<Command> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    return read(type.asSubclass(Command.class), entityStream.readAllBytes());
  }

  /** The command in {@code body}, or an {@link InvalidCommandException} saying what is wrong. */
  public <T extends Command> T read(Class<T> type, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      if (type == StopCommand.class) {
        return type.cast(new StopCommand(null));
      }
      throw InvalidCommandException.emptyBody();
    }
    ObjectNode object = parse(text);
    List<InvalidCommandException.Violation> wrongTypes = schemas.check(type, object);
    if (!wrongTypes.isEmpty()) {
      throw new InvalidCommandException(wrongTypes);
    }
    T command;
    try {
      command = jsonb.fromJson(text, type);
    } catch (JsonbException e) {
      // The schema passed, so this is a contract the record does not follow: say what JSON-B said.
      throw InvalidCommandException.ofBody("the request body cannot be read: " + e.getMessage());
    }
    List<InvalidCommandException.Violation> broken =
        validator.validate(command).stream()
            .map(CommandReader::violation)
            .sorted(Comparator.comparing(InvalidCommandException.Violation::describe))
            .toList();
    if (!broken.isEmpty()) {
      throw new InvalidCommandException(broken);
    }
    return command;
  }

  private static ObjectNode parse(String text) {
    JsonNode node;
    try {
      node = PARSER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw InvalidCommandException.ofBody(
          "the request body is not valid JSON"
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
    }
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw InvalidCommandException.ofBody(
        "the request body must be a JSON object, got "
            + (node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase()));
  }

  private static InvalidCommandException.Violation violation(ConstraintViolation<?> violation) {
    String field =
        StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
            .map(Path.Node::getName)
            .filter(name -> name != null && !name.isEmpty())
            .reduce((a, b) -> a + "." + b)
            .orElse(null);
    return new InvalidCommandException.Violation(field, violation.getMessage());
  }
}
