package dev.smileloop.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;
import java.util.Collection;
import java.util.Map;

/**
 * The methods of {@link jakarta.json.Json} that this code uses, on one provider looked up once.
 *
 * <p>Why not {@code Json} itself: each of its factory methods calls {@code
 * JsonProvider.provider()}, which in Jakarta JSON-P 2.1 runs a {@code ServiceLoader} lookup through
 * the thread's context class loader. Inside Payara that is the web application's loader, so every
 * call scanned each jar of the application: profiling the server under {@code /ws} load showed the
 * state writer, the status cache and the reports spending most of their time in that scan.
 */
public final class Jsonp {

  private static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}

  public static JsonProvider provider() {
    return PROVIDER;
  }

  public static JsonObjectBuilder createObjectBuilder() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonObjectBuilder createObjectBuilder(JsonObject object) {
    return PROVIDER.createObjectBuilder(object);
  }

  public static JsonObjectBuilder createObjectBuilder(Map<String, ?> map) {
    return PROVIDER.createObjectBuilder(map);
  }

  public static JsonArrayBuilder createArrayBuilder() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonArrayBuilder createArrayBuilder(Collection<?> values) {
    return PROVIDER.createArrayBuilder(values);
  }

  public static JsonReader createReader(Reader reader) {
    return PROVIDER.createReader(reader);
  }

  public static JsonParser createParser(Reader reader) {
    return PROVIDER.createParser(reader);
  }

  public static JsonString createValue(String value) {
    return PROVIDER.createValue(value);
  }

  public static JsonWriterFactory createWriterFactory(Map<String, ?> config) {
    return PROVIDER.createWriterFactory(config);
  }
}
