package dev.smileloop.cli;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The one verdict of a folder run: a summary table (regressions first), {@code smile-summary.md}
 * (also appended to {@code $GITHUB_STEP_SUMMARY}), one JUnit XML with a test suite per tutorial,
 * one SARIF log with one run over all tutorials, and the worst (highest) exit code.
 */
final class FolderVerdict {

  /** One tutorial's result. {@code newGaps} and {@code fixedGaps} come from the run history. */
  record Row(
      String tutorial,
      String status,
      int critical,
      int major,
      int minor,
      int environmentFindings,
      int newGaps,
      int fixedGaps,
      long millis,
      int exitCode,
      String junit,
      String sarif) {

    static Row failed(String tutorial, String why) {
      return new Row(tutorial, "error: " + why, 0, 0, 0, 0, 0, 0, 0, Main.FAILED, null, null);
    }

    static Row of(String tutorial, JsonObject report, String junit, String sarif) {
      if (report == null) {
        return failed(tutorial, "no report");
      }
      JsonObject summary = report.getJsonObject("summary");
      JsonObject counts = summary.getJsonObject("gapCounts");
      JsonValue findings =
          report.getOrDefault("environmentFindings", summary.get("environmentFindings"));
      JsonValue since = summary.get("sinceLastRun");
      boolean history = since instanceof JsonObject;
      String status = summary.getString("status");
      return new Row(
          tutorial,
          status,
          counts.getInt("critical"),
          counts.getInt("major"),
          counts.getInt("minor"),
          findings instanceof JsonArray a ? a.size() : 0,
          history ? since.asJsonObject().getInt("new") : 0,
          history ? since.asJsonObject().getJsonArray("fixed").size() : 0,
          summary.getJsonNumber("durationMillis").longValue(),
          Main.exitCode(status, counts.getInt("total")),
          junit,
          sarif);
    }

    String line() {
      return String.format(
          "%s, %d critical, %d major, %d minor%s, %.1f s",
          status,
          critical,
          major,
          minor,
          newGaps > 0 || fixedGaps > 0 ? " (" + newGaps + " new, " + fixedGaps + " fixed)" : "",
          millis / 1000.0);
    }
  }

  private final List<Row> rows;
  private final long wallMillis;

  FolderVerdict(List<Row> rows, long wallMillis) {
    // Regressions (new gaps) first, then the worst results, then by name.
    this.rows =
        rows.stream()
            .sorted(
                Comparator.comparing((Row r) -> r.newGaps() == 0)
                    .thenComparing(Row::exitCode, Comparator.reverseOrder())
                    .thenComparing(Row::tutorial))
            .toList();
    this.wallMillis = wallMillis;
  }

  int worstExitCode() {
    return rows.stream().mapToInt(Row::exitCode).max().orElse(7);
  }

  int write(Path outputDir, PrintStream out) throws IOException {
    Files.createDirectories(outputDir);
    String markdown = markdown();
    Files.writeString(outputDir.resolve("smile-summary.md"), markdown);
    Files.writeString(outputDir.resolve("smile-report.junit.xml"), junit());
    Files.writeString(outputDir.resolve("smile-report.sarif"), sarif());
    String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
    if (stepSummary != null && !stepSummary.isBlank()) {
      Files.writeString(
          Path.of(stepSummary),
          markdown + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    out.println();
    out.print(markdown);
    out.println("  summary: " + outputDir.resolve("smile-summary.md"));
    out.println("  junit:   " + outputDir.resolve("smile-report.junit.xml"));
    out.println("  sarif:   " + outputDir.resolve("smile-report.sarif"));
    return worstExitCode();
  }

  String markdown() {
    StringBuilder md = new StringBuilder("## SMILE: ");
    md.append(rows.size())
        .append(" tutorials in ")
        .append(String.format("%.1f s", wallMillis / 1000.0));
    md.append(
        "\n\n| Tutorial | Outcome | Critical | Major | Minor | New | Fixed | Environment | Time |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      md.append("| ")
          .append(r.tutorial().replace("|", "\\|"))
          .append(" | ")
          .append(r.status().replace("|", "\\|"))
          .append(" | ")
          .append(r.critical())
          .append(" | ")
          .append(r.major())
          .append(" | ")
          .append(r.minor())
          .append(" | ")
          .append(r.newGaps())
          .append(" | ")
          .append(r.fixedGaps())
          .append(" | ")
          .append(r.environmentFindings())
          .append(" | ")
          .append(String.format("%.1f s", r.millis() / 1000.0))
          .append(" |\n");
    }
    return md.append("\nExit code: ").append(worstExitCode()).append("\n").toString();
  }

  /** One {@code <testsuites>} holding every tutorial's suites. */
  String junit() {
    try {
      var builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
      Document combined = builder.newDocument();
      Element root = combined.createElement("testsuites");
      root.setAttribute("name", "SMILE");
      combined.appendChild(root);
      int[] totals = new int[4];
      String[] names = {"tests", "failures", "errors", "skipped"};
      for (Row r : rows) {
        if (r.junit() == null) {
          continue;
        }
        Document one = builder.parse(new InputSource(new StringReader(r.junit())));
        Element top = one.getDocumentElement();
        List<Element> suites =
            top.getTagName().equals("testsuite") ? List.of(top) : children(top, "testsuite");
        for (Element suite : suites) {
          for (int i = 0; i < names.length; i++) {
            String value = suite.getAttribute(names[i]);
            totals[i] += value.isEmpty() ? 0 : Integer.parseInt(value);
          }
          root.appendChild(combined.importNode(suite, true));
        }
      }
      for (int i = 0; i < names.length; i++) {
        root.setAttribute(names[i], String.valueOf(totals[i]));
      }
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      StringWriter text = new StringWriter();
      transformer.transform(new DOMSource(combined), new StreamResult(text));
      return text.toString();
    } catch (Exception e) {
      throw new IllegalStateException("could not combine the JUnit reports: " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new java.util.ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * One SARIF run over all tutorials: the tool and rules of the first log (the same in every log),
   * every artifact, invocation and result, each result's artifact index moved to its file's place.
   */
  String sarif() {
    JsonObject first = null;
    JsonArrayBuilder artifacts = Json.createArrayBuilder();
    JsonArrayBuilder invocations = Json.createArrayBuilder();
    JsonArrayBuilder results = Json.createArrayBuilder();
    Set<String> seen = new HashSet<>();
    int offset = 0;
    for (Row r : rows) {
      if (r.sarif() == null) {
        continue;
      }
      JsonObject log = FolderRun.parse(r.sarif());
      JsonObject run = log.getJsonArray("runs").getJsonObject(0);
      if (first == null) {
        first = log;
      }
      JsonArray own = run.getJsonArray("artifacts");
      own.forEach(artifacts::add);
      run.getJsonArray("invocations").forEach(invocations::add);
      for (JsonValue result : run.getJsonArray("results")) {
        results.add(shifted(result.asJsonObject(), offset));
      }
      offset += own.size();
      seen.add(r.tutorial());
    }
    if (first == null) {
      return "{\"version\": \"2.1.0\", \"runs\": []}\n";
    }
    JsonObject run = first.getJsonArray("runs").getJsonObject(0);
    JsonObjectBuilder merged = Json.createObjectBuilder(run);
    merged.add("artifacts", artifacts).add("invocations", invocations).add("results", results);
    JsonObject log =
        Json.createObjectBuilder(first).add("runs", Json.createArrayBuilder().add(merged)).build();
    StringWriter text = new StringWriter();
    try (var writer =
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
      writer.write(log);
    }
    return text.toString().strip() + "\n";
  }

  private static JsonObject shifted(JsonObject result, int offset) {
    JsonArrayBuilder locations = Json.createArrayBuilder();
    for (JsonValue l : result.getJsonArray("locations")) {
      JsonObject location = l.asJsonObject();
      JsonObject physical = location.getJsonObject("physicalLocation");
      JsonObject artifact = physical.getJsonObject("artifactLocation");
      JsonObjectBuilder moved = Json.createObjectBuilder(artifact);
      if (artifact.containsKey("index")) {
        moved.add("index", artifact.getInt("index") + offset);
      }
      locations.add(
          Json.createObjectBuilder(location)
              .add(
                  "physicalLocation",
                  Json.createObjectBuilder(physical).add("artifactLocation", moved)));
    }
    return Json.createObjectBuilder(result).add("locations", locations).build();
  }
}
