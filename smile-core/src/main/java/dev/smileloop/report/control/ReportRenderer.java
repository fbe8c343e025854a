package dev.smileloop.report.control;

import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import java.net.URI;

/**
 * Renders a report in each of its formats, in memory, so a caller can write files or serve one
 * format on demand. Rendering is pure: the same report gives the same text.
 */
public final class ReportRenderer {

  /** The JSON Schema of {@link #json(Report)}, as a classpath resource name. */
  public static final String JSON_SCHEMA_RESOURCE =
      "/dev/smileloop/report/smile-report.schema.json";

  private final URI sourceRoot;

  /** A renderer whose SARIF leaves {@code SRCROOT} for the consumer to define. */
  public ReportRenderer() {
    this(null);
  }

  /**
   * A renderer whose SARIF declares {@code SRCROOT} as the given absolute URI (for example the
   * checkout folder in CI), so the tutorial's relative URI resolves without outside help.
   */
  public ReportRenderer(URI sourceRoot) {
    if (sourceRoot != null && !sourceRoot.isAbsolute()) {
      throw new IllegalArgumentException(
          "The SARIF source root must be an absolute URI: " + sourceRoot);
    }
    this.sourceRoot = sourceRoot;
  }

  /** {@code smile-report.md}: the report for people. */
  public String markdown(Report report) {
    return MarkdownReport.render(report);
  }

  /** {@code smile-report.json}: schema version 1.0, see {@code smile-report.schema.json}. */
  public String json(Report report) {
    return JsonReport.render(report);
  }

  /** {@code smile-audit.log}: one timestamped event per line. */
  public String auditLog(Report report) {
    return AuditLog.render(report);
  }

  /** {@code smile-report.junit.xml}: the steps as JUnit test cases. */
  public String junitXml(Report report) {
    return JunitXmlReport.render(report);
  }

  /** {@code smile-report.sarif}: the gaps as SARIF 2.1.0 results. */
  public String sarif(Report report) {
    return SarifReport.render(report, sourceRoot);
  }

  public String render(Report report, ReportFormat format) {
    return switch (format) {
      case MARKDOWN -> markdown(report);
      case JSON -> json(report);
      case AUDIT_LOG -> auditLog(report);
      case JUNIT_XML -> junitXml(report);
      case SARIF -> sarif(report);
    };
  }
}
