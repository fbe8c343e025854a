package dev.smileloop.tutorial.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.tutorial.entity.TutorialDocument;
import dev.smileloop.tutorial.entity.TutorialDocument.Code;
import dev.smileloop.tutorial.entity.TutorialDocument.Heading;
import dev.smileloop.tutorial.entity.TutorialDocument.Prose;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one tutorial model: what commonmark reads, with the tutorial's own line numbers. */
class TutorialReaderTest {

  private static TutorialDocument read(String... lines) {
    return TutorialReader.read(String.join("\n", lines) + "\n");
  }

  @Test
  void atxAndSetextHeadingsAreStepsWithTheirLines() {
    TutorialDocument document = read("Title", "=====", "", "## Step 1 ##", "", "Step 2", "------");

    assertEquals(
        List.of(
            new Heading(1, "Title", 1, 2),
            new Heading(2, "Step 1", 4, 4),
            new Heading(2, "Step 2", 6, 7)),
        document.headings());
  }

  @Test
  void fencedAndIndentedBlocksKeepInfoContentAndExactSpan() {
    TutorialDocument document =
        read("# T", "", "```python title=\"a.py\"", "print(1)", "```", "", "    ls -l", "    pwd");

    Code fenced = document.codeBlocks().get(0);
    Code indented = document.codeBlocks().get(1);
    assertEquals("python title=\"a.py\"", fenced.info());
    assertEquals("python", fenced.language());
    assertEquals(List.of("print(1)"), fenced.content());
    assertEquals(3, fenced.line());
    assertEquals(4, fenced.contentLine());
    assertEquals(5, fenced.endLine());
    assertFalse(indented.fenced());
    assertEquals(List.of("ls -l", "pwd"), indented.content());
    assertEquals(7, indented.line());
    assertEquals(8, indented.endLine());
  }

  @Test
  void listItemsKeepTheirNestedBlocksAndProseWithoutMarkers() {
    TutorialDocument document =
        read("1. Create `notes.txt`:", "", "   ```", "   hello", "   ```", "2. Done.");

    Prose first = (Prose) document.blocks().get(0);
    Code nested = (Code) document.blocks().get(1);
    assertEquals(List.of("Create `notes.txt`:"), first.lines());
    assertTrue(first.inList() && first.firstInItem());
    assertEquals(List.of("hello"), nested.content());
    assertEquals(1, nested.listDepth());
    assertEquals(3, nested.line());
  }

  @Test
  void imagesAndLinksInlineAndByReferenceHtmlCommentsSkipped() {
    TutorialDocument document =
        read(
            "See ![flow](img/flow.png) and [docs](https://example.com).",
            "",
            "![arch][a]",
            "",
            "<!-- ![old](old.png) -->",
            "",
            "[a]: img/arch.svg");

    assertEquals(
        List.of("img/flow.png", "img/arch.svg"),
        document.images().stream().map(TutorialDocument.Reference::destination).toList());
    assertEquals(3, document.images().get(1).line());
    assertTrue(document.images().get(1).viaDefinition());
    assertEquals("https://example.com", document.links().get(0).destination());
  }

  @Test
  void yamlFrontMatterIsSkippedAndLinesStayExact() {
    TutorialDocument document = read("---", "title: x", "---", "", "# Real title");

    assertEquals(List.of(new Heading(1, "Real title", 5, 5)), document.headings());
  }

  @Test
  void anEmptyTutorialHasNoBlocks() {
    assertTrue(TutorialReader.read("").blocks().isEmpty());
    assertTrue(TutorialReader.read(null).blocks().isEmpty());
  }
}
