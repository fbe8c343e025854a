package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.report.entity.FixedGap;
import dev.smileloop.report.entity.GapChange;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.RunComparison;
import dev.smileloop.report.entity.Severity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/** The run-history marks in the JSON and Markdown reports. */
class HistoryReportTest {

  private final ReportRenderer renderer = new ReportRenderer();

  private Report compared() {
    Report report = Scenarios.fixedInSecondIteration().report();
    String gapId = report.gaps().get(0).id();
    return report.withSinceLastRun(
        new RunComparison(
            7L,
            Instant.parse("2026-11-25T10:00:00Z"),
            Map.of(gapId, GapChange.STILL_THERE),
            List.of(
                new FixedGap(
                    GapKind.COMMAND_FAILURE, Severity.MAJOR, "Old gap", 9, "./old.sh", "Step"))));
  }

  @Test
  void jsonMarksEachGapAndListsTheFixedOnesInTheSummaryAndMatchesTheSchema() {
    String json = renderer.json(compared());
    Validators.assertValidReportJson(json);
    JsonObject root = Json.createReader(new StringReader(json)).readObject();
    assertEquals(
        "still_there", root.getJsonArray("gaps").getJsonObject(0).getString("sinceLastRun"));
    JsonObject since = root.getJsonObject("summary").getJsonObject("sinceLastRun");
    assertEquals(7, since.getInt("previousRunId"));
    assertEquals(1, since.getInt("stillThere"));
    assertEquals("./old.sh", since.getJsonArray("fixed").getJsonObject(0).getString("quote"));
  }

  @Test
  void aFirstRunIsValidToo() {
    Report report = Scenarios.fixedInSecondIteration().report();
    Validators.assertValidReportJson(
        renderer.json(
            report.withSinceLastRun(
                new RunComparison(
                    null, null, Map.of(report.gaps().get(0).id(), GapChange.NEW), List.of()))));
  }

  @Test
  void markdownHasASinceTheLastRunTableThatRendersAsATable() {
    String markdown = renderer.markdown(compared());
    assertTrue(markdown.contains("## Since the last run"), markdown);
    assertTrue(markdown.contains("0 new, 1 still there, 1 fixed"), markdown);
    assertTrue(markdown.contains("| fixed | — | major | 9 | Old gap |"), markdown);
    int without = countTables(renderer.markdown(Scenarios.fixedInSecondIteration().report()));
    assertEquals(without + 1, countTables(markdown), "one more table: the history");
  }

  @Test
  void withoutHistoryTheMarkdownHasNoHistorySection() {
    assertTrue(
        !renderer
            .markdown(Scenarios.fixedInSecondIteration().report())
            .contains("Since the last run"));
  }

  private static int countTables(String markdown) {
    Node document =
        Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown);
    int[] tables = {0};
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(CustomBlock block) {
            if (block instanceof TableBlock) {
              tables[0]++;
            }
            visitChildren(block);
          }
        });
    return tables[0];
  }
}
