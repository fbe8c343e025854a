package dev.smileloop.cli;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.util.Locale;

/** Renders the live event stream as terminal lines: iteration, step, command, outcome. */
final class ProgressPrinter {

  private final PrintStream out;
  private final boolean verbose;

  ProgressPrinter(PrintStream out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  void print(JsonObject envelope) {
    JsonObject p = envelope.getJsonObject("payload");
    switch (envelope.getString("event", "")) {
      case "iteration_start" -> out.printf("%n-- Iteration %d --%n", p.getInt("iteration", 0));
      case "student_progress" -> command(p);
      case "student_output" ->
          out.printf(
              "  Student: %s%s%n",
              p.getString("status", "?"),
              text(p, "currentStep").isBlank()
                  ? ""
                  : " at \"" + text(p, "currentStep").strip() + "\"");
      case "mentor_output" -> out.printf("  Mentor: %s%n", indent(text(p, "notes")));
      case "error" -> out.printf("  ! %s%n", text(p, "message"));
      case "loop_complete" ->
          out.printf(
              "%nLoop ended: %s after %d iteration(s)%s%n",
              p.getString("status", "?"),
              p.getInt("iterations", 0),
              text(p, "summary").isBlank() ? "" : " — " + text(p, "summary").strip());
      default -> {
        // connected and events this version does not know need no line.
      }
    }
    out.flush();
  }

  private void command(JsonObject p) {
    boolean ok = p.getInt("exitCode", -1) == 0 && !p.getBoolean("timedOut", false);
    String mark = p.getBoolean("fromMentor", false) ? "+" : ok ? "ok" : "FAIL";
    String where = p.getInt("line", 0) > 0 ? "line " + p.getInt("line") : "mentor fix";
    String outcome =
        p.getBoolean("timedOut", false) ? "timed out" : "exit " + p.getInt("exitCode", -1);
    out.printf(
        Locale.ROOT,
        "  %-4s %-10s %-50s %s, %.2f s%n",
        mark,
        where,
        firstLine(text(p, "command")),
        outcome,
        p.getJsonNumber("durationMillis") == null
            ? 0.0
            : p.getJsonNumber("durationMillis").longValue() / 1000.0);
    if ((verbose || !ok) && !text(p, "outputExcerpt").isBlank()) {
      out.println("       " + indent(lastLines(text(p, "outputExcerpt"), verbose ? 20 : 3)));
    }
  }

  private static String text(JsonObject p, String field) {
    JsonValue value = p.get(field);
    return value instanceof jakarta.json.JsonString s ? s.getString() : "";
  }

  private static String firstLine(String command) {
    String line = command.lines().findFirst().orElse("");
    String shown = command.contains("\n") ? line + " ..." : line;
    return shown.length() > 50 ? shown.substring(0, 47) + "..." : shown;
  }

  private static String lastLines(String text, int count) {
    var lines = text.strip().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  private static String indent(String text) {
    return text.strip().replace("\n", "\n       ");
  }
}
