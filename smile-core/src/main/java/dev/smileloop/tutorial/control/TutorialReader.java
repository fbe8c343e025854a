package dev.smileloop.tutorial.control;

import dev.smileloop.tutorial.entity.TutorialDocument;
import dev.smileloop.tutorial.entity.TutorialDocument.Block;
import dev.smileloop.tutorial.entity.TutorialDocument.Code;
import dev.smileloop.tutorial.entity.TutorialDocument.Heading;
import dev.smileloop.tutorial.entity.TutorialDocument.Prose;
import dev.smileloop.tutorial.entity.TutorialDocument.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Builds the one {@link TutorialDocument} of a tutorial with commonmark-java (CommonMark plus GFM
 * tables), using its source spans for exact line numbers. YAML front matter is blanked first (its
 * extension does not exist for this commonmark version), keeping every line number.
 */
public final class TutorialReader {

  private static final Parser PARSER =
      Parser.builder()
          .extensions(List.of(TablesExtension.create()))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .build();
  private static final Pattern ATX_MARKS = Pattern.compile("^\\s{0,3}#{1,6}(?:[ \\t]+|$)");
  private static final Pattern ATX_CLOSE = Pattern.compile("(?:^|[ \\t]+)#+[ \\t]*$");
  private static final Pattern SETEXT_LINE = Pattern.compile("^\\s{0,3}(?:=+|-+)\\s*$");
  private static final Pattern IMG_TAG =
      Pattern.compile(
          "<img\\b[^>]*?\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");

  private TutorialReader() {}

  public static TutorialDocument read(String markdown) {
    List<String> lines =
        withoutFrontMatter(markdown == null ? List.of() : markdown.lines().toList());
    Node root = PARSER.parse(String.join("\n", lines));
    Collector collector = new Collector(lines);
    collector.visitChildren(root, 0);
    return new TutorialDocument(collector.blocks, collector.images, collector.links);
  }

  /** Front matter ({@code ---} on line 1 up to {@code ---} or {@code ...}) as blank lines. */
  static List<String> withoutFrontMatter(List<String> lines) {
    if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
      return lines;
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals("---") || line.equals("...")) {
        List<String> blanked = new ArrayList<>(lines);
        for (int j = 0; j <= i; j++) {
          blanked.set(j, "");
        }
        return blanked;
      }
    }
    return lines;
  }

  /** Walks the node tree once, turning blocks into records and collecting images and links. */
  private static final class Collector {
    private final List<String> source;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Reference> images = new ArrayList<>();
    private final List<Reference> links = new ArrayList<>();

    Collector(List<String> source) {
      this.source = source;
    }

    void visitChildren(Node parent, int depth) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
        visit(node, depth);
      }
    }

    private void visit(Node node, int depth) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (node instanceof org.commonmark.node.Heading heading) {
        blocks.add(heading(heading, spans));
        inlines(node);
      } else if (node instanceof Paragraph) {
        boolean first = node.getParent() instanceof ListItem && node.getPrevious() == null;
        blocks.add(prose(spans, depth, first));
        inlines(node);
      } else if (node instanceof TableBlock) {
        blocks.add(prose(spans, depth, false));
        inlines(node);
      } else if (node instanceof FencedCodeBlock fenced) {
        blocks.add(fenced(fenced, spans, depth));
      } else if (node instanceof IndentedCodeBlock indented) {
        blocks.add(indented(indented, spans, depth));
      } else if (node instanceof HtmlBlock html) {
        // Not shown as text, but an <img> in it is still an image the reader sees.
        htmlImages(html.getLiteral(), spans.isEmpty() ? 0 : spans.get(0).getLineIndex() + 1);
      } else if (node instanceof ListItem) {
        visitChildren(node, depth + 1);
      } else if (!(node instanceof CustomBlock) || node.getFirstChild() != null) {
        visitChildren(node, depth);
      }
    }

    private Heading heading(org.commonmark.node.Heading heading, List<SourceSpan> spans) {
      int line = spans.get(0).getLineIndex() + 1;
      int end = spans.get(spans.size() - 1).getLineIndex() + 1;
      String first = source.get(line - 1);
      String text;
      if (ATX_MARKS.matcher(first).find()) {
        String bare = ATX_MARKS.matcher(first).replaceFirst("");
        text = ATX_CLOSE.matcher(bare).replaceFirst("").strip();
      } else {
        List<String> parts = new ArrayList<>();
        for (SourceSpan span : spans) {
          String part = slice(span);
          if (!SETEXT_LINE.matcher(part).matches() || span.getLineIndex() + 1 < end) {
            parts.add(part.strip());
          }
        }
        text = String.join(" ", parts).strip();
      }
      return new Heading(heading.getLevel(), text, line, end);
    }

    private Prose prose(List<SourceSpan> spans, int depth, boolean firstInItem) {
      List<String> lines = spans.stream().map(this::slice).toList();
      return new Prose(
          lines,
          spans.get(0).getLineIndex() + 1,
          spans.get(spans.size() - 1).getLineIndex() + 1,
          depth,
          firstInItem);
    }

    private Code fenced(FencedCodeBlock block, List<SourceSpan> spans, int depth) {
      int line = spans.get(0).getLineIndex() + 1;
      List<String> content = contentLines(block.getLiteral());
      int closing = line + content.size() + 1;
      boolean closed =
          spans.size() >= 2 && spans.get(spans.size() - 1).getLineIndex() + 1 == closing;
      int end = closed ? closing : Math.max(line, line + content.size());
      String info = block.getInfo() == null ? "" : block.getInfo().strip();
      return new Code(info, content, true, line, line + 1, end, depth);
    }

    private Code indented(IndentedCodeBlock block, List<SourceSpan> spans, int depth) {
      int line = spans.get(0).getLineIndex() + 1;
      List<String> content = contentLines(block.getLiteral());
      return new Code("", content, false, line, line, line + content.size() - 1, depth);
    }

    private static List<String> contentLines(String literal) {
      if (literal == null || literal.isEmpty()) {
        return List.of();
      }
      String body = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
      return List.of(body.split("\n", -1));
    }

    /** Images, links and inline HTML images inside a block's inline content. */
    private void inlines(Node parent) {
      for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
        int line =
            node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
        if (node instanceof Image image) {
          images.add(new Reference(image.getDestination(), text(image), line, viaDefinition(node)));
        } else if (node instanceof Link link) {
          links.add(new Reference(link.getDestination(), text(link), line, viaDefinition(node)));
        } else if (node instanceof HtmlInline html) {
          htmlImages(html.getLiteral(), line);
        }
        inlines(node);
      }
    }

    private void htmlImages(String html, int line) {
      String visible = COMMENT.matcher(html).replaceAll(m -> "\n".repeat(newlines(m.group())));
      String[] parts = visible.split("\n", -1);
      for (int i = 0; i < parts.length; i++) {
        Matcher tag = IMG_TAG.matcher(parts[i]);
        while (tag.find()) {
          String src =
              tag.group(1) != null
                  ? tag.group(1)
                  : tag.group(2) != null ? tag.group(2) : tag.group(3);
          images.add(new Reference(src, "", line + i, false));
        }
      }
    }

    private static int newlines(String text) {
      return (int) text.chars().filter(c -> c == '\n').count();
    }

    private boolean viaDefinition(Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        return false;
      }
      return !slice(spans.get(spans.size() - 1)).endsWith(")");
    }

    private static String text(Node node) {
      StringBuilder text = new StringBuilder();
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Text t) {
          text.append(t.getLiteral());
        } else if (child instanceof org.commonmark.node.Code code) {
          text.append(code.getLiteral());
        } else {
          text.append(text(child));
        }
      }
      return text.toString();
    }

    private String slice(SourceSpan span) {
      String line = source.get(span.getLineIndex());
      int from = Math.min(span.getColumnIndex(), line.length());
      int to = Math.min(from + span.getLength(), line.length());
      return line.substring(from, to);
    }
  }
}
