package dev.smileloop.report.control;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.EnvironmentKind;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.StepResult;
import dev.smileloop.report.entity.StepResult.Outcome;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The tutorial's steps as a JUnit XML test report ({@code smile-report.junit.xml}), the format CI
 * servers (Jenkins, GitLab, GitHub actions, Azure) read: one test suite for the tutorial, one test
 * case per step, a failure per step with critical or major gaps, pointing at the tutorial file and
 * line; each environment finding is a skipped case of its own (not validated here, not a failure).
 * Counts are computed from the cases written, so they always agree.
 */
final class JunitXmlReport {

  // Ant's JUnit format writes a local date-time without zone; ours is always UTC.
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  // Characters XML 1.0 cannot carry at all, not even escaped.
  private static final Pattern NOT_XML =
      Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]");
  private final XMLStreamWriter xml;
  private final StringWriter text = new StringWriter();

  private JunitXmlReport() throws XMLStreamException {
    // A factory per report: XMLOutputFactory promises no thread safety, and renderers are shared.
    this.xml = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
  }

  static String render(Report report) {
    try {
      JunitXmlReport writer = new JunitXmlReport();
      writer.write(report);
      return writer.text.toString();
    } catch (XMLStreamException e) {
      // Writing to a StringWriter cannot fail for I/O; this is a programming error.
      throw new IllegalStateException("Cannot write the JUnit XML report: " + e.getMessage(), e);
    }
  }

  private void write(Report report) throws XMLStreamException {
    ReportSummary s = report.summary();
    List<StepResult> steps = report.steps();
    int environment = report.environmentFindings().size();
    String tests = String.valueOf(steps.size() + environment);
    String failures = String.valueOf(count(steps, Outcome.FAILED));
    String errors = String.valueOf(count(steps, Outcome.ERROR));
    String skipped = String.valueOf(count(steps, Outcome.SKIPPED) + environment);
    String time = ReportTexts.seconds(steps.stream().mapToLong(StepResult::durationMillis).sum());
    Map<String, Gap> gaps = new LinkedHashMap<>();
    report.gaps().forEach(g -> gaps.put(g.id(), g));

    xml.writeStartDocument("UTF-8", "1.0");
    newline(0);
    xml.writeStartElement("testsuites");
    attribute("name", report.tool().name() + ": " + s.tutorialName());
    attribute("tests", tests);
    attribute("failures", failures);
    attribute("errors", errors);
    attribute("skipped", skipped);
    attribute("time", time);
    newline(1);
    xml.writeStartElement("testsuite");
    attribute("name", s.tutorialName());
    attribute("tests", tests);
    attribute("failures", failures);
    attribute("errors", errors);
    attribute("skipped", skipped);
    attribute("time", time);
    if (s.startedAt() != null) {
      attribute("timestamp", TIMESTAMP.format(s.startedAt()));
    }
    attribute("file", s.tutorialPath());
    properties(report);
    for (StepResult step : steps) {
      testcase(report, step, gaps);
    }
    for (EnvironmentFinding finding : report.environmentFindings()) {
      environmentCase(report, finding);
    }
    newline(1);
    xml.writeEndElement();
    newline(0);
    xml.writeEndElement();
    xml.writeCharacters("\n");
    xml.writeEndDocument();
    xml.close();
  }

  private void properties(Report report) throws XMLStreamException {
    ReportSummary s = report.summary();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("smile.status", s.status().wireName());
    properties.put("smile.iterations", String.valueOf(s.iterations()));
    properties.put("smile.maxIterations", String.valueOf(s.maxIterations()));
    properties.put("smile.durationMillis", String.valueOf(s.durationMillis()));
    properties.put("smile.tutorial", s.tutorialPath());
    properties.put(
        "smile.gaps",
        s.gapCounts().critical()
            + " critical, "
            + s.gapCounts().major()
            + " major, "
            + s.gapCounts().minor()
            + " minor");
    if (s.reason() != null) {
      properties.put("smile.reason", s.reason());
    }
    properties.put("smile.environmentFindings", String.valueOf(s.environmentFindings()));
    properties.put(
        "smile.environmentPreventedValidation", String.valueOf(s.environmentPreventedValidation()));
    properties.put("smile.toolVersion", report.tool().version());
    newline(2);
    xml.writeStartElement("properties");
    for (Map.Entry<String, String> property : properties.entrySet()) {
      newline(3);
      xml.writeEmptyElement("property");
      attribute("name", property.getKey());
      attribute("value", property.getValue());
    }
    newline(2);
    xml.writeEndElement();
  }

  private void testcase(Report report, StepResult step, Map<String, Gap> gaps)
      throws XMLStreamException {
    String file = report.summary().tutorialPath();
    newline(2);
    xml.writeStartElement("testcase");
    attribute("classname", report.summary().tutorialName());
    attribute(
        "name",
        step.heading() == null || step.heading().isBlank()
            ? "Step at line " + step.line()
            : step.heading());
    attribute("time", ReportTexts.seconds(step.durationMillis()));
    attribute("file", file);
    if (step.line() > 0) {
      attribute("line", String.valueOf(step.line()));
    }
    List<Gap> stepGaps = step.gapIds().stream().map(gaps::get).filter(g -> g != null).toList();
    switch (step.outcome()) {
      case FAILED -> {
        List<Gap> failing = stepGaps.stream().filter(g -> g.severity() != Severity.MINOR).toList();
        Gap first = failing.isEmpty() ? null : failing.get(0);
        newline(3);
        xml.writeStartElement("failure");
        attribute("message", step.message());
        attribute("type", first == null ? "gap" : first.kind().wireName());
        attribute("file", file);
        attribute(
            "line",
            String.valueOf(
                first != null && first.hasLine()
                    ? first.location().line()
                    : Math.max(1, step.line())));
        characters(
            first == null
                ? step.message()
                : String.join("\n\n", failing.stream().map(JunitXmlReport::describe).toList()));
        xml.writeEndElement();
      }
      case ERROR -> {
        newline(3);
        xml.writeStartElement("error");
        attribute("message", step.message());
        attribute("type", "loop_" + report.summary().status().wireName());
        attribute("file", file);
        if (step.line() > 0) {
          attribute("line", String.valueOf(step.line()));
        }
        characters(step.message());
        xml.writeEndElement();
      }
      case SKIPPED -> {
        newline(3);
        xml.writeEmptyElement("skipped");
        attribute("message", step.message());
      }
      case PASSED -> {
        // A passing step has nothing to report beyond its output below.
      }
    }
    String out = systemOut(report, step, stepGaps);
    if (!out.isEmpty()) {
      newline(3);
      xml.writeStartElement("system-out");
      characters(out);
      xml.writeEndElement();
    }
    newline(2);
    xml.writeEndElement();
  }

  /**
   * An environment finding as a skipped test case: the step could not be validated here, which is
   * neither a pass nor a failure of the tutorial.
   */
  private void environmentCase(Report report, EnvironmentFinding finding)
      throws XMLStreamException {
    EnvironmentKind kind = EnvironmentKind.of(finding.kind());
    boolean hasLine = finding.line() != null && finding.line() >= 1;
    newline(2);
    xml.writeStartElement("testcase");
    attribute("classname", report.summary().tutorialName());
    attribute(
        "name", "Environment: " + kind.label() + (hasLine ? " at line " + finding.line() : ""));
    attribute("time", "0.000");
    attribute("file", report.summary().tutorialPath());
    if (hasLine) {
      attribute("line", String.valueOf(finding.line()));
    }
    newline(3);
    xml.writeEmptyElement("skipped");
    attribute(
        "message",
        "not validated: "
            + kind.label().toLowerCase(java.util.Locale.ROOT)
            + (finding.evidence() == null ? "" : " ('" + finding.evidence() + "')"));
    newline(3);
    xml.writeStartElement("system-out");
    characters(
        (finding.command() == null ? "" : "$ " + finding.command() + "\n")
            + (finding.advice() == null ? "" : finding.advice()));
    xml.writeEndElement();
    newline(2);
    xml.writeEndElement();
  }

  private static String describe(Gap gap) {
    StringBuilder text = new StringBuilder();
    text.append(gap.id())
        .append(' ')
        .append(gap.severity().wireName())
        .append(' ')
        .append(gap.kind().wireName());
    text.append(gap.hasLine() ? " at line " + gap.location().line() : " at an unknown line")
        .append('\n');
    if (!gap.location().quote().isBlank()) {
      text.append("Quote: ").append(gap.location().quote()).append('\n');
    }
    text.append("Problem: ").append(gap.problem()).append('\n');
    text.append("Suggested fix: ").append(gap.suggestedFix());
    if (!gap.fixCommands().isEmpty()) {
      text.append("\nCommands after which the step passed: ")
          .append(String.join("; ", gap.fixCommands()));
    }
    text.append("\nIterations: ")
        .append(String.join(", ", gap.iterations().stream().map(String::valueOf).toList()));
    return text.toString();
  }

  /** The commands run for the step, and any minor gaps the learner got past there. */
  private static String systemOut(Report report, StepResult step, List<Gap> stepGaps) {
    List<String> lines = new ArrayList<>();
    String key = TutorialLocator.normalizeHeading(step.heading());
    for (CommandAudit c : report.audit().commands()) {
      if (c.step() != null && TutorialLocator.normalizeHeading(c.step()).equals(key)) {
        String result =
            c.timedOut()
                ? "timed out"
                : c.exitCode() == null ? "exit unknown" : "exit " + c.exitCode();
        lines.add(
            "iteration "
                + c.iteration()
                + (c.fromMentor() ? " (Mentor's fix)" : "")
                + ": $ "
                + c.command()
                + "  -> "
                + result
                + (c.durationMillis() == null ? "" : ", " + c.durationMillis() + " ms"));
      }
    }
    for (Gap gap : stepGaps) {
      if (gap.severity() == Severity.MINOR) {
        lines.add("minor gap " + gap.id() + ": " + gap.title() + ". " + gap.problem());
      }
    }
    return String.join("\n", lines);
  }

  private static long count(List<StepResult> steps, Outcome outcome) {
    return steps.stream().filter(s -> s.outcome() == outcome).count();
  }

  private void attribute(String name, String value) throws XMLStreamException {
    // Attribute values are normalised by every XML parser: newlines and tabs would become spaces
    // anyway.
    String clean =
        NOT_XML.matcher(value == null ? "" : value).replaceAll("").replaceAll("[\\r\\n\\t]+", " ");
    xml.writeAttribute(name, clean);
  }

  private void characters(String value) throws XMLStreamException {
    xml.writeCharacters(
        NOT_XML.matcher(value == null ? "" : value.replace("\r\n", "\n")).replaceAll(""));
  }

  private void newline(int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }
}
