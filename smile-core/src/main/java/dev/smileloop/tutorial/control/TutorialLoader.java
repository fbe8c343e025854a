package dev.smileloop.tutorial.control;

import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads a Markdown tutorial (SPEC section 2). The Markdown is handed on unchanged; only a UTF-8
 * byte order mark is dropped, because it is not part of the text. Its images are checked by {@link
 * TutorialImages}.
 */
public final class TutorialLoader {

  /** The largest tutorial accepted, in bytes (100 KB). */
  public static final int MAX_BYTES = 102_400;

  private static final String SIZE_ERROR = "Tutorial exceeds size limit (100KB)";

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
}
