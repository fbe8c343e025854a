package dev.smileloop.tutorial.control;

import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.control.ImageReference.Status;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a Markdown tutorial (SPEC section 2) and finds the images it refers to. The Markdown is
 * handed on unchanged; only a UTF-8 byte order mark is dropped, because it is not part of the text.
 * Image references are resolved against the tutorial's folder and never followed out of it.
 */
public final class TutorialLoader {

  /** The largest tutorial accepted, in bytes (100 KB). */
  public static final int MAX_BYTES = 102_400;

  private static final String SIZE_ERROR = "Tutorial exceeds size limit (100KB)";

  private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg");

  private static final Pattern DATA_IMAGE =
      Pattern.compile(
          "data:image/(png|jpe?g|gif|svg\\+xml)[;,].*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private static final Pattern FENCE_OPEN = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");

  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)(?<!`)\\1(?!`)");

  /**
   * {@code ![alt](destination "title")}; the destination may be in angle brackets. This and the
   * next two patterns are possessive: a backtracking group recurses once per character and would
   * overflow the stack on a long line.
   */
  private static final Pattern INLINE_IMAGE =
      Pattern.compile(
          "!\\[(?:[^\\[\\]\\\\]++|\\\\.|\\[[^\\]]*+\\])*+\\]\\(\\s*"
              + "(<[^>\\n]*+>|(?:[^\\s()]++|\\([^\\s()]*+\\))*+)"
              + "(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)");

  /** {@code ![alt][label]}, {@code ![label][]} and {@code ![label]}, resolved by definitions. */
  private static final Pattern REFERENCE_IMAGE =
      Pattern.compile(
          "!\\[((?:[^\\[\\]\\\\]++|\\\\.)*+)\\](?:\\[((?:[^\\[\\]\\\\]++|\\\\.)*+)\\])?");

  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[((?:[^\\[\\]\\\\]++|\\\\.)++)\\]:\\s*(<[^>]*+>|\\S+)");

  private static final Pattern IMG_TAG =
      Pattern.compile(
          "<img\\b[^>]*?\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))",
          Pattern.CASE_INSENSITIVE);

  private TutorialLoader() {}

  /**
   * Reads a tutorial file.
   *
   * @throws SmileException {@code NOT_FOUND} when there is no such file; {@code INVALID_INPUT} for
   *     a folder, a file over {@value #MAX_BYTES} bytes, or text that is not UTF-8
   */
  public static Tutorial load(Path file) {
    Path path = file.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new SmileException(SmileException.Kind.NOT_FOUND, "Tutorial not found: " + path);
    }
    if (Files.isDirectory(path)) {
      throw SmileException.invalid(
          "Tutorial path is a folder, not a Markdown file: " + path + "; name the .md file in it");
    }
    if (!Files.isRegularFile(path)) {
      throw SmileException.invalid("Tutorial is not a regular file: " + path);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      // Never read more than one byte past the limit, however large the file is.
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new SmileException(
          SmileException.Kind.INVALID_INPUT,
          "Tutorial cannot be read: " + path + " (" + e.getMessage() + ")",
          e);
    }
    if (bytes.length > MAX_BYTES) {
      throw SmileException.invalid(
          SIZE_ERROR
              + ": "
              + path.getFileName()
              + " is "
              + sizeOf(path)
              + " bytes, the limit is "
              + "102,400 bytes; split it into smaller tutorials");
    }
    String markdown = decode(bytes, path.getFileName().toString());
    return new Tutorial(path.getFileName().toString(), path, path.getParent(), markdown);
  }

  /**
   * A tutorial whose content arrived inline (in a request, not from a file). It has no folder, so
   * relative image references cannot be resolved.
   *
   * @throws SmileException {@code INVALID_INPUT} for content over {@value #MAX_BYTES} UTF-8 bytes
   */
  public static Tutorial fromContent(String markdown, String name) {
    if (markdown == null) {
      throw SmileException.invalid("Tutorial content is missing");
    }
    String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
    long size = utf8Length(text);
    if (size > MAX_BYTES) {
      throw SmileException.invalid(
          SIZE_ERROR + ": the content is " + size + " bytes of UTF-8, the limit is 102,400 bytes");
    }
    String tutorialName = name == null || name.isBlank() ? "tutorial.md" : name.strip();
    return new Tutorial(tutorialName, null, null, text);
  }

  private static String sizeOf(Path path) {
    try {
      return String.format(Locale.ROOT, "%,d", Files.size(path));
    } catch (IOException e) {
      return "more than " + String.format(Locale.ROOT, "%,d", MAX_BYTES);
    }
  }

  /** Decodes strictly, so that a wrong encoding is reported rather than turned into '?'. */
  private static String decode(byte[] bytes, String name) {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xFF) == 0xEF
                && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw SmileException.invalid(
          String.format(
              Locale.ROOT,
              "Tutorial is not valid UTF-8 (encoding error): %s has an invalid byte 0x%02X at byte"
                  + " offset %d (line %d); save the file as UTF-8",
              name,
              bytes[offset] & 0xFF,
              offset,
              line));
    }
    return out.flip().toString();
  }

  private static long utf8Length(String text) {
    try {
      return StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text))
          .remaining();
    } catch (CharacterCodingException e) {
      throw SmileException.invalid(
          "Tutorial content is not valid Unicode text (an unpaired surrogate character)");
    }
  }

  /**
   * The PNG, JPG, GIF and SVG images the tutorial refers to, in order, outside fenced code blocks
   * and HTML comments. Nothing outside the tutorial's folder is ever read.
   */
  public static List<ImageReference> images(Tutorial tutorial) {
    List<String> visible = proseLines(tutorial.lines());
    Map<String, String> definitions = new HashMap<>();
    for (String line : visible) {
      Matcher definition = REFERENCE_DEFINITION.matcher(line);
      if (definition.find()) {
        definitions.putIfAbsent(label(definition.group(1)), definition.group(2));
      }
    }
    Path folder = tutorial.folder() == null ? null : tutorial.folder().toAbsolutePath().normalize();
    Path realFolder = realPath(folder);
    List<ImageReference> images = new ArrayList<>();
    for (int i = 0; i < visible.size(); i++) {
      String text = visible.get(i);
      if (text.indexOf('!') < 0 && text.toLowerCase(Locale.ROOT).indexOf("<img") < 0) {
        continue;
      }
      List<Found> found = new ArrayList<>();
      Matcher inline = INLINE_IMAGE.matcher(text);
      while (inline.find()) {
        found.add(new Found(inline.start(), inline.group(1)));
      }
      String rest = blank(INLINE_IMAGE, text);
      Matcher reference = REFERENCE_IMAGE.matcher(rest);
      while (reference.find()) {
        String label =
            reference.group(2) == null || reference.group(2).isBlank()
                ? reference.group(1)
                : reference.group(2);
        String destination = definitions.get(label(label));
        if (destination != null) {
          found.add(new Found(reference.start(), destination));
        }
      }
      Matcher tag = IMG_TAG.matcher(text);
      while (tag.find()) {
        String src =
            tag.group(1) != null
                ? tag.group(1)
                : tag.group(2) != null ? tag.group(2) : tag.group(3);
        found.add(new Found(tag.start(), src));
      }
      found.sort(Comparator.comparingInt(Found::position));
      for (Found f : found) {
        ImageReference image = classify(i + 1, f.reference(), folder, realFolder);
        if (image != null) {
          images.add(image);
        }
      }
    }
    return List.copyOf(images);
  }

  /**
   * The tutorial's lines as a reader sees them: fenced code blocks become empty lines, HTML
   * comments and code spans become spaces, so line numbers and positions stay the same.
   */
  private static List<String> proseLines(List<String> lines) {
    List<String> visible = new ArrayList<>(lines.size());
    String fence = null;
    boolean inComment = false;
    for (String line : lines) {
      if (fence != null) {
        if (closesFence(line, fence)) {
          fence = null;
        }
        visible.add("");
        continue;
      }
      Matcher open = FENCE_OPEN.matcher(line);
      if (!inComment
          && open.matches()
          && !(open.group(1).startsWith("`") && open.group(2).contains("`"))) {
        fence = open.group(1);
        visible.add("");
        continue;
      }
      StringBuilder shown = new StringBuilder(line.length());
      int at = 0;
      while (at < line.length()) {
        String marker = inComment ? "-->" : "<!--";
        int found = line.indexOf(marker, at);
        int stop = found < 0 ? line.length() : found + marker.length();
        int textEnd = inComment ? at : found < 0 ? line.length() : found;
        shown.append(line, at, textEnd).append(" ".repeat(stop - textEnd));
        if (found >= 0) {
          inComment = !inComment;
        }
        at = stop;
      }
      visible.add(blank(CODE_SPAN, shown.toString()));
    }
    return visible;
  }

  private record Found(int position, String reference) {}

  /** A closing fence uses the opening fence's character, at least as many times, and no text. */
  private static boolean closesFence(String line, String fence) {
    String trimmed = line.strip();
    return trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == fence.charAt(0));
  }

  /** Replaces every match with spaces, so later patterns cannot see it and positions hold. */
  private static String blank(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (matcher.find()) {
      for (int i = matcher.start(); i < matcher.end(); i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  private static String label(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static Path realPath(Path folder) {
    if (folder == null) {
      return null;
    }
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      // The folder itself is gone: every relative image is then missing.
      return null;
    }
  }

  /** What a reference points at, or null when it is not an image type the spec covers. */
  private static ImageReference classify(int line, String written, Path folder, Path realFolder) {
    String reference = written.strip();
    if (reference.startsWith("<") && reference.endsWith(">")) {
      reference = reference.substring(1, reference.length() - 1).strip();
    }
    if (reference.isEmpty()) {
      return null;
    }
    String lower = reference.toLowerCase(Locale.ROOT);
    if (lower.startsWith("data:")) {
      return DATA_IMAGE.matcher(reference).matches()
          ? new ImageReference(line, reference, null, Status.REMOTE)
          : null;
    }
    String pathPart = withoutQueryOrFragment(reference);
    if (!isImage(pathPart)) {
      return null;
    }
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("//")) {
      return new ImageReference(line, reference, null, Status.REMOTE);
    }
    if (SCHEME.matcher(reference).find() || pathPart.startsWith("/") || pathPart.startsWith("\\")) {
      // file: URLs, Windows drive letters and absolute paths all name places outside the folder.
      return new ImageReference(line, reference, absolute(pathPart), Status.OUTSIDE);
    }
    if (folder == null) {
      return new ImageReference(line, reference, null, Status.MISSING);
    }
    Path resolved;
    try {
      resolved = folder.resolve(pathPart).normalize();
    } catch (InvalidPathException e) {
      return new ImageReference(line, reference, null, Status.MISSING);
    }
    if (!resolved.startsWith(folder)) {
      return new ImageReference(line, reference, resolved, Status.OUTSIDE);
    }
    if (realFolder == null) {
      return new ImageReference(line, reference, resolved, Status.MISSING);
    }
    if (!Files.exists(resolved) && pathPart.contains("%")) {
      // Markdown destinations are URLs: "my%20diagram.png" names "my diagram.png".
      Path decoded = percentDecoded(folder, pathPart);
      if (decoded != null && decoded.startsWith(folder) && Files.exists(decoded)) {
        resolved = decoded;
      }
    }
    if (!Files.exists(resolved)) {
      return new ImageReference(line, reference, resolved, Status.MISSING);
    }
    try {
      if (!resolved.toRealPath().startsWith(realFolder)) {
        return new ImageReference(line, reference, resolved, Status.OUTSIDE);
      }
    } catch (IOException e) {
      return new ImageReference(line, reference, resolved, Status.MISSING);
    }
    return new ImageReference(
        line, reference, resolved, Files.isRegularFile(resolved) ? Status.FOUND : Status.MISSING);
  }

  private static Path absolute(String pathPart) {
    try {
      Path path = Path.of(pathPart);
      return path.isAbsolute() ? path.normalize() : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Path percentDecoded(Path folder, String pathPart) {
    try {
      String decoded = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
      return folder.resolve(decoded).normalize();
    } catch (IllegalArgumentException e) {
      // InvalidPathException is an IllegalArgumentException too: not a usable path either way.
      return null;
    }
  }

  private static String withoutQueryOrFragment(String reference) {
    int end = reference.length();
    int query = reference.indexOf('?');
    int fragment = reference.indexOf('#');
    if (query >= 0) {
      end = query;
    }
    if (fragment >= 0 && fragment < end) {
      end = fragment;
    }
    return reference.substring(0, end);
  }

  private static boolean isImage(String path) {
    int dot = path.lastIndexOf('.');
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return dot > slash
        && IMAGE_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
