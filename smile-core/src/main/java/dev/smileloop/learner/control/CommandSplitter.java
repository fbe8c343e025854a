package dev.smileloop.learner.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.learner.entity.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the text of a code block into statements, each with the tutorial lines it spans, so the
 * learner runs (and reports) them one by one like a person typing line after line.
 *
 * <p>A statement ends where bash would run it: continuation lines ({@code \}, open quotes, a
 * trailing {@code |} or {@code &&}), compound commands ({@code if ... fi}, loops, functions) and
 * heredocs stay together. Simple lines are recognised by a small scanner; anything else is asked of
 * {@code bash -n}, which reports "unexpected end of file" for an unfinished statement (it only
 * parses, it never runs anything). Heredocs are tracked here, because {@code bash -n} accepts a
 * heredoc without its terminator.
 */
public final class CommandSplitter {

  private static final Pattern PROMPT =
      Pattern.compile("^\\s*(?:[\\w.@-]+(?::[~\\w/.@-]*)?)?\\$(?:\\s(.*))?$");
  private static final Set<String> COMPOUND =
      Set.of(
          "if",
          "then",
          "else",
          "elif",
          "fi",
          "for",
          "while",
          "until",
          "do",
          "done",
          "case",
          "esac",
          "select",
          "function",
          "coproc");
  private static final Pattern WORD = Pattern.compile("[^\\s;&|()<>]+");

  private static final int VERDICT_CACHE_LIMIT = 2_000;

  private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();
  private final String bash;

  public CommandSplitter() {
    this.bash = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "bash";
  }

  /** Statements of a shell block whose first content line is tutorial line {@code firstLine}. */
  public List<Command> shell(List<String> lines, int firstLine) {
    List<Command> commands = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i++;
        continue;
      }
      int start = i;
      i = statementEnd(lines, i, false);
      commands.add(new Command(join(lines, start, i, false), firstLine + start, firstLine + i - 1));
    }
    return commands;
  }

  /**
   * Commands of a terminal session: lines after a {@code $ } prompt (prompt removed), with their
   * continuation lines ({@code > } prompts removed); all other lines are output.
   */
  public List<Command> console(List<String> lines, int firstLine) {
    List<Command> commands = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Matcher prompt = PROMPT.matcher(lines.get(i));
      String first = prompt.matches() ? prompt.group(1) : null;
      if (first == null || first.isBlank()) {
        i++;
        continue;
      }
      List<String> statement = new ArrayList<>(lines.subList(i, lines.size()));
      statement.set(0, first);
      int start = i;
      int end = statementEnd(statement, 0, true);
      commands.add(
          new Command(
              join(statement, 0, end, true), firstLine + start, firstLine + start + end - 1));
      i = start + end;
    }
    return commands;
  }

  /** Whether bash would run {@code text} as it is, without waiting for more lines. */
  public boolean complete(String text) {
    if (endsWithContinuation(text)) {
      // bash -n accepts a trailing backslash at the end of its input; a person would type on.
      return false;
    }
    if (simpleAndComplete(text)) {
      return true;
    }
    if (verdicts.size() > VERDICT_CACHE_LIMIT) {
      // A server parses many tutorials; the cache only has to cover one.
      verdicts.clear();
    }
    return verdicts.computeIfAbsent(text, this::bashSaysComplete);
  }

  /** Index after the last line of the statement starting at {@code start}. */
  private int statementEnd(List<String> lines, int start, boolean console) {
    StringBuilder text = new StringBuilder(lines.get(start));
    List<Heredoc> heredocs = new ArrayList<>(heredocs(lines.get(start)));
    int i = start + 1;
    while (true) {
      while (!heredocs.isEmpty() && i < lines.size()) {
        String body = continuation(lines.get(i), console);
        text.append('\n').append(body);
        i++;
        if (heredocs.get(0).endsWith(body)) {
          heredocs.remove(0);
        }
      }
      if (!heredocs.isEmpty() || i >= lines.size() || complete(text.toString())) {
        return i;
      }
      if (console && PROMPT.matcher(lines.get(i)).matches()) {
        return i;
      }
      String next = continuation(lines.get(i), console);
      text.append('\n').append(next);
      heredocs.addAll(heredocs(next));
      i++;
    }
  }

  private static String join(List<String> lines, int from, int to, boolean console) {
    List<String> parts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      parts.add(i == from ? lines.get(i) : continuation(lines.get(i), console));
    }
    return String.join("\n", parts);
  }

  private static String continuation(String line, boolean console) {
    if (console && (line.startsWith("> ") || line.equals(">"))) {
      return line.length() > 2 ? line.substring(2) : "";
    }
    return line;
  }

  /**
   * True for one-line statements with balanced quotes and nothing that opens a compound command,
   * which is most tutorial lines; everything else goes to {@code bash -n}.
   */
  static boolean simpleAndComplete(String text) {
    if (text.indexOf('\n') >= 0) {
      return false;
    }
    boolean single = false;
    boolean dbl = false;
    boolean wordStart = true;
    int depth = 0;
    char last = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (single) {
        single = c != '\'';
        continue;
      }
      if (c == '\\') {
        if (i == text.length() - 1) {
          return false;
        }
        i++;
        last = 'x';
        wordStart = false;
        continue;
      }
      if (dbl) {
        if (c == '"') {
          dbl = false;
        } else if (c == '`' || c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
          return false;
        }
        continue;
      }
      switch (c) {
        case '\'' -> single = true;
        case '"' -> dbl = true;
        case '`' -> {
          return false;
        }
        case '(', '{' -> depth++;
        case ')', '}' -> depth--;
        case '#' -> {
          if (wordStart) {
            return depth == 0 && !endsWithOperator(last);
          }
        }
        default -> {
          if (wordStart && !Character.isWhitespace(c)) {
            Matcher word = WORD.matcher(text).region(i, text.length());
            if (word.lookingAt() && COMPOUND.contains(word.group())) {
              return false;
            }
          }
        }
      }
      wordStart = Character.isWhitespace(c) || c == ';' || c == '&' || c == '|';
      if (!Character.isWhitespace(c)) {
        last = c;
      }
    }
    return !single && !dbl && depth == 0 && !endsWithOperator(last);
  }

  private static boolean endsWithContinuation(String text) {
    int backslashes = 0;
    for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static boolean endsWithOperator(char last) {
    return last == '|' || last == '&';
  }

  private boolean bashSaysComplete(String text) {
    try {
      Process process = new ProcessBuilder(bash, "--noprofile", "--norc", "-n").start();
      try (OutputStream in = process.getOutputStream()) {
        in.write((text + "\n").getBytes(UTF_8));
      }
      String errors;
      try (InputStream err = process.getErrorStream()) {
        errors = new String(err.readAllBytes(), UTF_8);
      }
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return true;
      }
      return !(process.exitValue() != 0
          && (errors.contains("unexpected end of file") || errors.contains("unexpected EOF")));
    } catch (IOException e) {
      // Without bash to ask, each line stands alone; the shell reports what does not parse.
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** The heredocs a line opens ({@code <<EOF}, {@code <<-'EOF'}), outside quotes. */
  static List<Heredoc> heredocs(String line) {
    List<Heredoc> found = new ArrayList<>();
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (single) {
        single = c != '\'';
      } else if (c == '\\') {
        i++;
      } else if (dbl) {
        dbl = c != '"';
      } else if (c == '\'') {
        single = true;
      } else if (c == '"') {
        dbl = true;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        break;
      } else if (c == '<' && line.startsWith("<<", i) && !line.startsWith("<<<", i)) {
        int j = i + 2;
        boolean stripTabs = j < line.length() && line.charAt(j) == '-';
        if (stripTabs) {
          j++;
        }
        while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == '\t')) {
          j++;
        }
        StringBuilder word = new StringBuilder();
        while (j < line.length() && " \t;&|<>()".indexOf(line.charAt(j)) < 0) {
          char w = line.charAt(j);
          if (w != '\'' && w != '"' && w != '\\') {
            word.append(w);
          }
          j++;
        }
        if (word.length() > 0) {
          found.add(new Heredoc(word.toString(), stripTabs));
        }
        i = j - 1;
      }
    }
    return found;
  }

  /** A heredoc's terminator; {@code <<-} allows leading tabs before it. */
  record Heredoc(String delimiter, boolean stripTabs) {
    boolean endsWith(String line) {
      String candidate = stripTabs ? line.replaceFirst("^\t+", "") : line;
      // Tutorials often indent whole blocks; a person would accept the indented terminator too.
      return candidate.equals(delimiter) || candidate.strip().equals(delimiter);
    }
  }
}
