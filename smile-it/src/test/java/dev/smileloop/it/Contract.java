package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Set;

/**
 * The server's own {@code /openapi} document, used as the schema of real answers: each body is
 * validated against one of its {@code components/schemas} with an OpenAPI 3.0 aware JSON Schema
 * validator, so the document and the server cannot drift apart unnoticed.
 */
final class Contract {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode document;
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
    } catch (java.io.IOException e) {
      throw new AssertionError("/openapi is not JSON: " + openApiJson, e);
    }
  }

  JsonNode document() {
    return document;
  }

  /** Fails unless {@code body} is valid against {@code #/components/schemas/<schema>}. */
  void assertMatches(String schema, String body) {
    assertTrue(
        document.path("components").path("schemas").has(schema),
        "no schema " + schema + " in /openapi");
    ObjectNode root = document.deepCopy();
    root.put("$ref", "#/components/schemas/" + schema);
    Set<ValidationMessage> errors;
    try {
      errors = factory.getSchema(root).validate(JSON.readTree(body));
    } catch (java.io.IOException e) {
      throw new AssertionError(schema + ": the answer is not JSON: " + body, e);
    }
    assertTrue(errors.isEmpty(), schema + " does not match: " + errors + "\n" + body);
  }
}
