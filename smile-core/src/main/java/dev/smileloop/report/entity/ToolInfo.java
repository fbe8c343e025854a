package dev.smileloop.report.entity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program that wrote a report, as SARIF and JUnit consumers show it. */
public record ToolInfo(String name, String version, String informationUri) {

  public static final String NAME = "SMILE Loop";

  /**
   * This build's version, read from the Maven metadata packaged in the jar; "dev" when running from
   * classes (tests, IDE), where no such metadata exists.
   */
  public static ToolInfo current() {
    String resource = "/META-INF/maven/dev.smileloop/smile-core/pom.properties";
    try (InputStream in = ToolInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return new ToolInfo(NAME, properties.getProperty("version", "dev"), null);
      }
    } catch (IOException e) {
      // An unreadable version is not worth failing a report over; it falls back below.
      return new ToolInfo(NAME, "dev", null);
    }
    return new ToolInfo(NAME, "dev", null);
  }
}
