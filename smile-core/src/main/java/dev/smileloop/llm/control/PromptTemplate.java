package dev.smileloop.llm.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text from the class path with {@code {{name}}} placeholders. Filling replaces every
 * placeholder in one pass, so a value that itself contains {@code {{...}}} (a tutorial about a
 * template language) is inserted as it is and never expanded.
 */
final class PromptTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)\\}\\}");

  private final String name;
  private final String text;

  PromptTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** A template from a UTF-8 resource next to this class. */
  static PromptTemplate load(String resource) {
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "prompt resource " + resource + " is missing from the class path");
      }
      return new PromptTemplate(resource, new String(in.readAllBytes(), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt resource " + resource, e);
    }
  }

  /** Short texts the prompts are assembled from, from a UTF-8 properties resource. */
  static Properties texts(String resource) {
    try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "prompt resource " + resource + " is missing from the class path");
      }
      Properties texts = new Properties();
      try (Reader reader = new InputStreamReader(in, UTF_8)) {
        texts.load(reader);
      }
      return texts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt resource " + resource, e);
    }
  }

  /**
   * The text with each placeholder replaced by its value.
   *
   * @throws IllegalStateException when a placeholder has no value (a mistake in this code)
   */
  String fill(Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 1024);
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "prompt " + name + " has no value for {{" + matcher.group(1) + "}}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
