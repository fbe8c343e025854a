package dev.smileloop.report.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The files a report is written as, with the name and media type each is served under. */
public enum ReportFormat {
  MARKDOWN("markdown", "smile-report.md", "text/markdown; charset=UTF-8"),
  JSON("json", "smile-report.json", "application/json"),
  AUDIT_LOG("audit", "smile-audit.log", "text/plain; charset=UTF-8"),
  JUNIT_XML("junit", "smile-report.junit.xml", "application/xml"),
  SARIF("sarif", "smile-report.sarif", "application/sarif+json");

  private final String wireName;
  private final String fileName;
  private final String mediaType;

  ReportFormat(String wireName, String fileName, String mediaType) {
    this.wireName = wireName;
    this.fileName = fileName;
    this.mediaType = mediaType;
  }

  /** The short name a client asks for, e.g. {@code ?format=sarif}. */
  public String wireName() {
    return wireName;
  }

  public String fileName() {
    return fileName;
  }

  public String mediaType() {
    return mediaType;
  }

  /** Accepts the short name, the enum name or the file name, in any case. */
  public static Optional<ReportFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(
            f ->
                f.wireName.equals(wanted)
                    || f.name().toLowerCase(Locale.ROOT).equals(wanted)
                    || f.fileName.equals(wanted))
        .findFirst();
  }
}
