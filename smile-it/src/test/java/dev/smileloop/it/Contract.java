package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The server's own {@code /openapi} document, used as the schema of real answers: each body is
 * validated against one of its {@code components/schemas} with an OpenAPI 3.0 aware JSON Schema
 * validator, so the document and the server cannot drift apart unnoticed. Every described object is
 * validated <em>closed</em> (no field the document does not name), so a field the server adds,
 * renames or drops without the document is a failure; objects the document leaves open ({@code
 * {type: object}} or {@code additionalProperties: true}) stay open.
 *
 * <p>{@link #assertAnswers} looks an answer up by path, method and status, as a client generated
 * from the document would.
 */
final class Contract {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
  private final ObjectNode closed;
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder ->
              builder
                  .metaSchema(OpenApi30.getInstance())
                  .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));

  Contract(String openApiJson) {
    try {
      this.document = JSON.readTree(openApiJson);
    } catch (IOException e) {
      throw new AssertionError("/openapi is not JSON: " + openApiJson, e);
    }
    this.closed = document.deepCopy();
    close(closed.path("components").path("schemas"));
  }

  /** The document the server serves at {@code /openapi}, as JSON. */
  static Contract of(SmileServer server) {
    try {
      HttpResponse<String> openapi =
          server
              .http()
              .send(
                  HttpRequest.newBuilder(server.base().resolve("openapi"))
                      .header("Accept", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, openapi.statusCode(), openapi.body());
      return new Contract(openapi.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /openapi: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode document() {
    return document;
  }

  /**
   * Fails unless {@code body} is valid against {@code #/components/schemas/<schema>}, every object
   * closed as in {@link #assertAnswers}.
   */
  void assertMatches(String schema, String body) {
    assertTrue(
        document.path("components").path("schemas").has(schema),
        "no schema " + schema + " in /openapi");
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(schema + ": the answer is not JSON: " + body, e);
    }
    Set<ValidationMessage> errors =
        errors(JSON.createObjectNode().put("$ref", "#/components/schemas/" + schema), json);
    assertTrue(errors.isEmpty(), schema + " does not match: " + errors + "\n" + body);
  }

  /**
   * Fails unless the document describes {@code method path} answering {@code reply}'s status, in
   * its media type, with its headers, and with a body valid against the schema given there (every
   * object closed). {@code path} is the document's template, e.g. {@code /api/loops/{id}}.
   */
  void assertAnswers(String method, String path, SmileServer.Reply reply) {
    String operationName = method.toUpperCase(Locale.ROOT) + " " + path;
    JsonNode operation = document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    assertTrue(operation.isObject(), operationName + " is not described in /openapi");
    String status = String.valueOf(reply.status());
    JsonNode response = resolve(operation.path("responses").path(status));
    String answered = operationName + " answered " + status + " " + reply.contentType();
    assertTrue(
        response.isObject(),
        answered
            + ", a status the document does not give (it gives "
            + names(operation.path("responses"))
            + "): "
            + reply.body());
    for (String header : names(response.path("headers"))) {
      assertTrue(
          reply.headers().firstValue(header).isPresent(),
          answered + " without the header " + header + " the document promises");
    }
    JsonNode content = response.path("content");
    if (!content.isObject()) {
      assertTrue(reply.body().isEmpty(), answered + " with a body the document does not give");
      return;
    }
    String mediaType = reply.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    JsonNode media = content.path(mediaType);
    assertTrue(
        media.isObject(),
        answered + ", a media type the document does not give (it gives " + names(content) + ")");
    JsonNode body;
    if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
      try {
        body = JSON.readTree(reply.body());
      } catch (IOException e) {
        throw new AssertionError(answered + ": the body is not JSON: " + reply.body(), e);
      }
    } else {
      body = TextNode.valueOf(reply.body());
    }
    Set<ValidationMessage> errors = errors((ObjectNode) media.path("schema"), body);
    assertTrue(
        errors.isEmpty(),
        answered + " does not match " + media.path("schema") + ": " + errors + "\n" + reply.body());
  }

  /** What is wrong with {@code body} against {@code schema}, its references into the document. */
  private Set<ValidationMessage> errors(ObjectNode schema, JsonNode body) {
    ObjectNode root = closed.deepCopy();
    root.remove("paths");
    root.setAll(schema.deepCopy());
    return factory.getSchema(root).validate(body);
  }

  /** A response given by reference ({@code #/components/responses/...}) or inline. */
  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Every object schema that names its properties and says nothing of others gets {@code
   * additionalProperties: false}; objects left open on purpose ({@code {type: object}}) stay open.
   */
  private static void close(JsonNode schema) {
    if (schema instanceof ObjectNode object
        && object.has("properties")
        && !object.has("additionalProperties")) {
      object.put("additionalProperties", false);
    }
    for (JsonNode child : schema) {
      close(child);
    }
  }
}
