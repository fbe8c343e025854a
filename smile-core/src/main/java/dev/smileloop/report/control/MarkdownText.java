package dev.smileloop.report.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (tutorial lines, command output, agent prose) safe to drop into Markdown so
 * it shows as written in GitHub, VS Code and other CommonMark/GFM viewers: no emphasis, links,
 * HTML, math or table breaks it did not ask for. Backslash escapes work in all of them; {@code <},
 * {@code >} and {@code &} become entities so no HTML ever reaches the page.
 */
final class MarkdownText {

  // ANSI colour and cursor sequences from terminal output, then other control characters.
  private static final Pattern ANSI =
      Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n]]|[\\u2028\\u2029]");
  private static final Pattern BLOCK_START = Pattern.compile("^(\\d{1,9})([.)])");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private MarkdownText() {}

  /** Text with line endings unified and terminal escapes and control characters removed. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    return CONTROL.matcher(ANSI.matcher(unified).replaceAll("")).replaceAll("");
  }

  /**
   * One line of inline text (newlines become spaces), safe anywhere but at the start of a line: in
   * a heading, a list item, a table cell or after a label.
   */
  static String inline(String text) {
    String flat = clean(text).replace('\n', ' ').replace('\t', ' ');
    return escape(flat.strip());
  }

  /** A table cell: inline text, never empty, so a row always keeps its columns. */
  static String cell(String text) {
    String escaped = inline(text);
    return escaped.isEmpty() ? " " : escaped;
  }

  /**
   * Multi-line prose: paragraphs kept, line breaks inside a paragraph kept as hard breaks, every
   * line escaped so none of them starts a heading, list, quote or code block.
   */
  static String block(String text) {
    List<String> paragraphs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : clean(text).split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        if (!current.isEmpty()) {
          paragraphs.add(String.join("\\\n", current));
          current.clear();
        }
        continue;
      }
      current.add(escapeLineStart(escape(stripped.replace('\t', ' '))));
    }
    if (!current.isEmpty()) {
      paragraphs.add(String.join("\\\n", current));
    }
    return String.join("\n\n", paragraphs);
  }

  /** Text as a block quote, each line escaped; an empty quote shows as an empty quoted line. */
  static String quote(String text) {
    String body = block(text);
    if (body.isEmpty()) {
      return ">";
    }
    StringBuilder quoted = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      quoted.append(line.isEmpty() ? ">" : "> " + line).append('\n');
    }
    return quoted.toString().stripTrailing();
  }

  /**
   * A fenced code block whose fence is longer than any run of backticks inside, so no content can
   * close it early. The content is shown verbatim (only control characters are removed).
   */
  static String fence(String content, String info) {
    String body = clean(content).replaceAll("\\n+$", "");
    int longest = 0;
    Matcher run = BACKTICKS.matcher(body);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    String marker = "`".repeat(Math.max(3, longest + 1));
    // An info string may not contain backticks; it only names the language.
    String language = info == null ? "" : info.replaceAll("[^A-Za-z0-9_+-]", "");
    return marker + language + "\n" + body + (body.isEmpty() ? "" : "\n") + marker;
  }

  /** Backslash-escapes everything that could start inline Markdown; entities for HTML. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '{', '}', '@' ->
            out.append('\\').append(c);
        // Viewers turn bare URLs into links (GitHub, VS Code); an escape inside the URL keeps a
        // quoted address plain text, as the tutorial wrote it.
        case ':' -> out.append(text.startsWith("//", i + 1) ? "\\:" : ":");
        case '.' -> out.append(endsWithWww(out) ? "\\." : ".");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean endsWithWww(StringBuilder out) {
    int n = out.length();
    return n >= 3
        && out.substring(n - 3).equalsIgnoreCase("www")
        && (n == 3 || !Character.isLetterOrDigit(out.charAt(n - 4)));
  }

  /** Escapes what would make an already escaped line a heading, list item or thematic break. */
  private static String escapeLineStart(String line) {
    if (line.isEmpty()) {
      return line;
    }
    char first = line.charAt(0);
    if (first == '#' || first == '-' || first == '+' || first == '=') {
      return "\\" + line;
    }
    Matcher ordered = BLOCK_START.matcher(line);
    if (ordered.find()) {
      return ordered.group(1) + "\\" + ordered.group(2) + line.substring(ordered.end());
    }
    return line;
  }
}
