package dev.smileloop.tutorial.entity;

import java.util.List;
import java.util.Optional;

/**
 * A tutorial as a reader sees it, built once by {@code TutorialReader} from the Markdown and read
 * by everyone: the learner, the Mentor, the report's line locator and the image checks. {@code
 * blocks} are in document order (headings, prose and code, list items flattened with their depth);
 * HTML blocks, comments and YAML front matter are not part of it. Every line number is the
 * tutorial's own, 1-based.
 */
public record TutorialDocument(List<Block> blocks, List<Reference> images, List<Reference> links) {

  public TutorialDocument {
    blocks = List.copyOf(blocks);
    images = List.copyOf(images);
    links = List.copyOf(links);
  }

  /** A part of the document that covers tutorial lines {@code line} to {@code endLine}. */
  public sealed interface Block permits Heading, Prose, Code {
    int line();

    int endLine();
  }

  /**
   * An ATX ({@code ## Step}) or setext ({@code Step} over {@code ----}) heading; {@code text} as
   * written, without the markers.
   */
  public record Heading(int level, String text, int line, int endLine) implements Block {}

  /**
   * A paragraph (or a table), its source lines as written (inline code, emphasis and links still in
   * Markdown), without list markers or block-quote prefixes. {@code listDepth} is 0 outside lists;
   * {@code firstInItem} marks the paragraph that opens a list item.
   */
  public record Prose(List<String> lines, int line, int endLine, int listDepth, boolean firstInItem)
      implements Block {

    public Prose {
      lines = List.copyOf(lines);
    }

    public boolean inList() {
      return listDepth > 0;
    }

    /** The lines joined with single spaces. */
    public String text() {
      return String.join(" ", lines.stream().map(String::strip).toList()).strip();
    }
  }

  /**
   * A code block: {@code fenced} or indented, its info string (empty for indented blocks), content
   * lines (fence indentation removed) and exact span: {@code line} is the opening fence (or the
   * first indented line), {@code contentLine} the first content line, {@code endLine} the closing
   * fence (or the last content line). {@code listDepth} as for prose.
   */
  public record Code(
      String info,
      List<String> content,
      boolean fenced,
      int line,
      int contentLine,
      int endLine,
      int listDepth)
      implements Block {

    public Code {
      content = List.copyOf(content);
    }

    /**
     * The info string's language: its first word in lower case, without {@code {.}} or {@code
     * :suffix}.
     */
    public String language() {
      String first = info.strip().replaceFirst("^\\{\\s*\\.?", "").split("[\\s,{}]+", 2)[0];
      if (first.contains("=")) {
        return "";
      }
      int colon = first.indexOf(':');
      return (colon > 0 ? first.substring(0, colon) : first).toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An image or a link: where it points as written ({@code destination}), its text (the alt text of
   * an image), the line it stands on and whether it came from a reference definition.
   */
  public record Reference(String destination, String text, int line, boolean viaDefinition) {}

  public List<Heading> headings() {
    return blocks.stream().filter(Heading.class::isInstance).map(Heading.class::cast).toList();
  }

  public List<Code> codeBlocks() {
    return blocks.stream().filter(Code.class::isInstance).map(Code.class::cast).toList();
  }

  /** The heading a line belongs to: the nearest heading at or above it. */
  public Optional<Heading> headingOf(int line) {
    Heading found = null;
    for (Heading heading : headings()) {
      if (heading.line() > line) {
        break;
      }
      found = heading;
    }
    return Optional.ofNullable(found);
  }
}
