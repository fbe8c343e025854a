package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.report.entity.EnvironmentKind;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses the Markdown report with a real CommonMark + GFM tables parser, as GitHub and VS Code do,
 * and checks that what the reader sees is what the report meant: quoted text shows verbatim, tables
 * keep their columns, and nothing in the tutorial or the agents' text becomes markup.
 */
class MarkdownReportTest {

  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();
  private final ReportRenderer renderer = new ReportRenderer();

  static Stream<Scenarios.Scenario> scenarios() {
    return Scenarios.all().stream();
  }

  /** What the parsed document holds, collected in one walk. */
  private static final class Parsed extends AbstractVisitor {
    final List<String> headings = new ArrayList<>();
    final List<String> quotes = new ArrayList<>();
    final List<String> fences = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<Integer> headerWidths = new ArrayList<>();
    final List<Class<?>> forbidden = new ArrayList<>();
    final List<String> codeSpans = new ArrayList<>();
    int orderedLists;
    int bulletLists;

    @Override
    public void visit(Heading heading) {
      headings.add("#".repeat(heading.getLevel()) + " " + text(heading));
    }

    @Override
    public void visit(BlockQuote quote) {
      quotes.add(text(quote));
    }

    @Override
    public void visit(FencedCodeBlock code) {
      fences.add(code.getLiteral());
    }

    @Override
    public void visit(OrderedList list) {
      orderedLists++;
      visitChildren(list);
    }

    @Override
    public void visit(BulletList list) {
      bulletLists++;
      visitChildren(list);
    }

    @Override
    public void visit(HtmlInline html) {
      forbidden.add(HtmlInline.class);
    }

    @Override
    public void visit(HtmlBlock html) {
      forbidden.add(HtmlBlock.class);
    }

    @Override
    public void visit(Link link) {
      forbidden.add(Link.class);
    }

    @Override
    public void visit(Emphasis emphasis) {
      forbidden.add(Emphasis.class);
    }

    @Override
    public void visit(Code code) {
      codeSpans.add(code.getLiteral()); // only agent prose may have them, see proseKeeps...
    }

    @Override
    public void visit(IndentedCodeBlock code) {
      forbidden.add(IndentedCodeBlock.class);
    }

    @Override
    public void visit(ThematicBreak thematicBreak) {
      forbidden.add(ThematicBreak.class);
    }

    @Override
    public void visit(CustomBlock block) {
      if (block instanceof TableBlock table) {
        for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
          for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
            List<String> cells = new ArrayList<>();
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
              cells.add(text(cell));
            }
            if (part instanceof TableHead) {
              headerWidths.add(cells.size());
            }
            rows.add(cells);
          }
        }
        return;
      }
      visitChildren(block);
    }

    @Override
    public void visit(CustomNode node) {
      visitChildren(node);
    }
  }

  /** The text a reader sees: literal text, hard breaks as newlines, soft breaks as spaces. */
  private static String text(Node node) {
    StringBuilder text = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            text.append(t.getLiteral());
          }

          @Override
          public void visit(Code code) {
            text.append(code.getLiteral());
          }

          @Override
          public void visit(HardLineBreak hardLineBreak) {
            text.append('\n');
          }

          @Override
          public void visit(SoftLineBreak softLineBreak) {
            text.append(' ');
          }

          @Override
          public void visit(HtmlInline html) {
            text.append(html.getLiteral());
          }

          @Override
          public void visit(Paragraph paragraph) {
            if (paragraph.getPrevious() != null) {
              text.append('\n');
            }
            visitChildren(paragraph);
          }
        });
    return text.toString();
  }

  private static Parsed parse(String markdown) {
    Parsed parsed = new Parsed();
    PARSER.parse(markdown).accept(parsed);
    return parsed;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void nothingFromTheTutorialOrTheAgentsBecomesMarkup(Scenarios.Scenario scenario) {
    Parsed parsed = parse(renderer.markdown(scenario.report()));
    assertEquals(List.of(), parsed.forbidden, "no HTML, links, emphasis or rules");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theHeadingsAreExactlyTheReportsSections(Scenarios.Scenario scenario) {
    Report report = scenario.report();
    List<String> expected = new ArrayList<>();
    expected.add("# SMILE report: " + report.summary().tutorialName());
    expected.add("## Summary");
    expected.add("## Gaps");
    for (Gap gap : report.gaps()) {
      expected.add("### " + gap.id() + " · " + gap.severity().label() + " · " + gap.title());
    }
    expected.add("## Environment findings");
    for (int i = 0; i < report.environmentFindings().size(); i++) {
      EnvironmentFinding f = report.environmentFindings().get(i);
      expected.add(
          "### E"
              + (i + 1)
              + " · "
              + EnvironmentKind.of(f.kind()).label()
              + " at line "
              + f.line());
    }
    expected.add("## Assumed environment");
    expected.addAll(
        List.of(
            "## Recommendations",
            "## Timeline",
            "## Audit trail",
            "### Commands",
            "### Files created",
            "### LLM calls"));
    assertEquals(expected, parse(renderer.markdown(report)).headings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyTableRowHasAsManyCellsAsItsHeader(Scenarios.Scenario scenario) {
    String markdown = renderer.markdown(scenario.report());
    // GFM silently drops extra cells and pads missing ones, so count the separators in the source.
    List<List<String>> tables = new ArrayList<>();
    List<String> current = null;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("|")) {
        if (current == null) {
          current = new ArrayList<>();
          tables.add(current);
        }
        current.add(line);
      } else {
        current = null;
      }
    }
    assertFalse(tables.isEmpty());
    for (List<String> table : tables) {
      int header = separators(table.get(0));
      assertTrue(header >= 3, table.get(0));
      for (String row : table) {
        assertEquals(header, separators(row), row);
      }
    }
    Parsed parsed = parse(markdown);
    assertEquals(tables.size(), parsed.headerWidths.size(), "every table parses as a table");
  }

  /** The pipes that separate cells: those not escaped by a backslash. */
  private static int separators(String row) {
    int count = 0;
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '|') {
        count++;
      }
    }
    return count;
  }

  @Test
  void quotedTutorialLinesShowExactlyAsWrittenWhateverTheyContain() {
    Report report = Scenarios.specialCharacters().report();
    Parsed parsed = parse(renderer.markdown(report));
    for (Gap gap : report.gaps()) {
      assertTrue(
          parsed.quotes.contains(gap.location().quote()),
          gap.location().quote() + " in " + parsed.quotes);
    }
    assertTrue(parsed.quotes.contains(Scenarios.SPECIAL_QUOTE));
    assertTrue(parsed.quotes.contains(Scenarios.SPECIAL_COMMAND));
  }

  @Test
  void tableCellsKeepPipesNewlinesAndUnicodeInTheirOwnCell() {
    Report report = Scenarios.specialCharacters().report();
    Parsed parsed = parse(renderer.markdown(report));
    assertTrue(
        parsed.rows.contains(List.of("Reason", "日本語 reason with | pipe")), parsed.rows.toString());
    List<String> secondIteration =
        parsed.rows.stream()
            .filter(
                r -> r.size() == 5 && r.get(0).equals("2") && r.get(1).equals("could not complete"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        "I can't run <script>alert(\"x\")</script> in a shell | it's HTML 😀 Second line with backticks and ```` fences",
        secondIteration.get(2));
  }

  @Test
  void multiLineAgentTextKeepsItsLinesWithoutBecomingHeadingsOrLists() {
    Report report = Scenarios.specialCharacters().report();
    String markdown = renderer.markdown(report);
    Parsed parsed = parse(markdown);
    assertEquals(1, parsed.orderedLists, "only the recommendations are a numbered list");
    assertEquals(0, parsed.bulletLists, "no files were created, so no bullet list at all");
    assertTrue(
        markdown.contains("\\# Not a heading\\\n\\- not a list\\\n1\\. not numbered\\\n"),
        markdown);
  }

  @Test
  void codeFencesAreLongerThanAnyBacktickRunInsideAndShowTheOutputVerbatim() {
    String markdown = renderer.markdown(Scenarios.specialCharacters().report());
    Parsed parsed = parse(markdown);
    String expected =
        "# iterations 1, 2, line 11, exit 2, 1 ms\n$ <script>alert(\"x\")</script>\n"
            + "bash: syntax error near unexpected token `<'\n```` and | pipes red\n";
    assertTrue(parsed.fences.contains(expected), parsed.fences.toString());
    assertTrue(markdown.contains("`````console\n"), "five backticks around a four-backtick run");
  }

  @Test
  void aFixedGapShowsTheMentorsFixAndTheCommandThatMadeTheStepPass() {
    Report report = Scenarios.fixedInSecondIteration().report();
    String markdown = renderer.markdown(report);
    Parsed parsed = parse(markdown);
    assertTrue(parsed.fences.contains("find notes\n"));
    assertTrue(parsed.quotes.contains("tree notes"));
    assertTrue(markdown.contains("**Severity:** major"));
    assertTrue(markdown.contains("got past in a later iteration"));
  }

  @Test
  void aCleanRunSaysSo() {
    String markdown = renderer.markdown(Scenarios.completed().report());
    assertTrue(
        markdown.contains(
            "**Result: completed.** The Student completed the tutorial; no gaps were found."));
    assertTrue(markdown.contains("None: a learner can follow this tutorial as written."));
    assertTrue(markdown.contains("Nothing to change."));
  }

  @Test
  void escapingRoundTripsThroughTheParser() {
    String nasty =
        "a|b `c` ``d`` <e> &amp; *f* _g_ [h](i) ![j](k) # l $m$ ~n~ \\o {p} 1. q - r > s 😀 日本"
            + " https://example.com/x www.example.org git@example.com:repo.git";
    Parsed inline = parse("| x | y |\n| --- | --- |\n| " + MarkdownText.cell(nasty) + " | z |\n");
    assertEquals(List.of("x", "y"), inline.rows.get(0));
    assertEquals(List.of(nasty, "z"), inline.rows.get(1));
    for (String line :
        List.of(
            "# heading",
            "- item",
            "+ item",
            "1. item",
            "2) item",
            "> quote",
            "    indented",
            "---",
            "=====",
            "```",
            "<div>",
            "| a | b |")) {
      Parsed block = parse(MarkdownText.block("before\n" + line + "\nafter"));
      assertEquals(List.of(), block.forbidden, line);
      assertEquals(List.of(), block.codeSpans, line);
      assertEquals(
          0,
          block.headings.size()
              + block.orderedLists
              + block.bulletLists
              + block.quotes.size()
              + block.fences.size()
              + block.rows.size(),
          line);
    }
    Parsed quote = parse(MarkdownText.quote("first *line*\n  second | line\n\nthird"));
    assertEquals(List.of("first *line*\nsecond | line\nthird"), quote.quotes);
  }

  @Test
  void proseKeepsTheAgentsCodeSpansAndFencedBlocksButNothingElse() {
    String notes =
        "Run `chmod +x ./greet.sh` first, not <b>this</b> or *that*.\n"
            + "```bash\nchmod +x ./greet.sh\n```\n"
            + "Then `a|b` and an unmatched ` tick.";
    Parsed parsed = parse(MarkdownText.prose(notes));
    assertEquals(List.of("chmod +x ./greet.sh", "a|b"), parsed.codeSpans);
    assertEquals(List.of("chmod +x ./greet.sh\n"), parsed.fences);
    assertEquals(List.of(), parsed.forbidden, "still no HTML or emphasis");
    Parsed cell = parse("| a |\n| --- |\n| " + MarkdownText.cellProse("x `a|b` y") + " |\n");
    assertTrue(
        cell.rows.contains(List.of("x a|b y")),
        "a pipe inside code stays in its cell: " + cell.rows);
  }
}
