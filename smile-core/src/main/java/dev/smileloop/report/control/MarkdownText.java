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
  private static final Pattern FENCE_OPEN =
      Pattern.compile("(`{3,}|~{3,})\\s*([A-Za-z0-9_+-]*)\\s*");

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

  /**
   * Agent prose (Mentor notes, suggested fixes): like {@link #block}, but the Markdown an agent
   * means is kept: `code spans` stay code, and fenced blocks become real fenced blocks. Anything
   * else is escaped as usual.
   */
  static String prose(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    String[] lines = clean(text).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String stripped = lines[i].strip();
      Matcher open = FENCE_OPEN.matcher(stripped);
      int close = open.matches() ? closingFence(lines, i + 1, open.group(1)) : -1;
      if (close < 0) {
        plain.append(lines[i]).append('\n');
        continue;
      }
      addParagraphs(parts, plain.toString());
      plain.setLength(0);
      List<String> content = new ArrayList<>();
      for (int j = i + 1; j < close; j++) {
        content.add(lines[j]);
      }
      parts.add(fence(String.join("\n", content), open.group(2)));
      i = close;
    }
    addParagraphs(parts, plain.toString());
    return String.join("\n\n", parts);
  }

  private static int closingFence(String[] lines, int from, String marker) {
    for (int j = from; j < lines.length; j++) {
      String stripped = lines[j].strip();
      if (stripped.startsWith(marker) && stripped.chars().allMatch(c -> c == marker.charAt(0))) {
        return j;
      }
    }
    return -1;
  }

  private static void addParagraphs(List<String> parts, String text) {
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        if (!current.isEmpty()) {
          parts.add(String.join("\\\n", current));
          current.clear();
        }
        continue;
      }
      current.add(escapeLineStart(withCode(stripped.replace('\t', ' '), false)));
    }
    if (!current.isEmpty()) {
      parts.add(String.join("\\\n", current));
    }
  }

  /** One line of agent prose with its `code spans` kept as code; safe where {@link #inline} is. */
  static String inlineProse(String text) {
    return withCode(clean(text).replace('\n', ' ').replace('\t', ' ').strip(), false);
  }

  /** A table cell of agent prose, with its `code spans` kept; never empty. */
  static String cellProse(String text) {
    String cell = withCode(clean(text).replace('\n', ' ').replace('\t', ' ').strip(), true);
    return cell.isEmpty() ? " " : cell;
  }

  /**
   * Escapes a line but keeps each balanced `code span` as a code span (its content verbatim). In a
   * table a pipe must be escaped even inside code, or GitHub splits the cell.
   */
  private static String withCode(String line, boolean inTable) {
    StringBuilder out = new StringBuilder(line.length() + 16);
    int i = 0;
    while (i < line.length()) {
      int open = line.indexOf('`', i);
      if (open < 0) {
        break;
      }
      int run = open;
      while (run < line.length() && line.charAt(run) == '`') {
        run++;
      }
      String ticks = line.substring(open, run);
      int close = closingRun(line, run, ticks.length());
      if (close < 0) {
        break;
      }
      out.append(escape(line.substring(i, open)));
      String code = line.substring(run, close);
      out.append(codeSpan(inTable ? code.replace("|", "\\|") : code));
      i = close + ticks.length();
    }
    out.append(escape(line.substring(i)));
    return out.toString();
  }

  /** Where a run of exactly {@code length} backticks starts after {@code from}, or -1. */
  private static int closingRun(String line, int from, int length) {
    int i = from;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        i++;
        continue;
      }
      int end = i;
      while (end < line.length() && line.charAt(end) == '`') {
        end++;
      }
      if (end - i == length && end > from && i > from) {
        return i;
      }
      i = end;
    }
    return -1;
  }

  /** A code span whose backtick fence is longer than any run inside it. */
  private static String codeSpan(String code) {
    int longest = 0;
    Matcher run = BACKTICKS.matcher(code);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    String fence = "`".repeat(longest + 1);
    boolean pad = code.startsWith("`") || code.endsWith("`") || code.isBlank();
    return fence + (pad ? " " : "") + code + (pad ? " " : "") + fence;
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
