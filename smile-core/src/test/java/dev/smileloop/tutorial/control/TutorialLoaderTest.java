package dev.smileloop.tutorial.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.ImageReference;
import dev.smileloop.tutorial.entity.ImageReference.Status;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TutorialLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String markdown) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, markdown, StandardCharsets.UTF_8);
    return file;
  }

  private Path writeBytes(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path image(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
  }

  private List<ImageReference> imagesOf(String markdown) throws IOException {
    return TutorialImages.check(TutorialLoader.load(write("tutorial.md", markdown)));
  }

  @Test
  void loadsTheMarkdownUnchanged() throws IOException {
    String markdown = "# Title\r\n\r\nRun `ls`.\n\n* ünïcödé ✓\n";
    Path file = write("guide.md", markdown);

    Tutorial tutorial = TutorialLoader.load(file);

    assertEquals(markdown, tutorial.markdown());
    assertEquals("guide.md", tutorial.name());
    assertEquals(file.toAbsolutePath().normalize(), tutorial.path());
    assertEquals(dir.toAbsolutePath().normalize(), tutorial.folder());
  }

  @Test
  void pathIsAbsoluteAndNormalised() throws IOException {
    write("docs/guide.md", "# x\n");

    Tutorial tutorial = TutorialLoader.load(dir.resolve("docs/../docs/./guide.md"));

    assertEquals(dir.resolve("docs/guide.md").toAbsolutePath(), tutorial.path());
    assertEquals(dir.resolve("docs").toAbsolutePath(), tutorial.folder());
  }

  @Test
  void missingFileIsNotFound() {
    Path missing = dir.resolve("nope.md");

    SmileException e = assertThrows(SmileException.class, () -> TutorialLoader.load(missing));

    assertEquals(SmileException.Kind.NOT_FOUND, e.kind());
    assertEquals("Tutorial not found: " + missing.toAbsolutePath().normalize(), e.getMessage());
  }

  @Test
  void folderIsInvalidInput() {
    SmileException e = assertThrows(SmileException.class, () -> TutorialLoader.load(dir));

    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("folder"), e.getMessage());
  }

  @Test
  void exactlyTheSizeLimitIsAccepted() throws IOException {
    byte[] bytes = "a".repeat(TutorialLoader.MAX_BYTES).getBytes(StandardCharsets.UTF_8);

    Tutorial tutorial = TutorialLoader.load(writeBytes("limit.md", bytes));

    assertEquals(102_400, tutorial.markdown().length());
  }

  @Test
  void oneByteOverTheLimitIsRejected() throws IOException {
    Path file = writeBytes("big.md", "a".repeat(102_401).getBytes(StandardCharsets.UTF_8));

    SmileException e = assertThrows(SmileException.class, () -> TutorialLoader.load(file));

    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("Tutorial exceeds size limit (100KB)"), e.getMessage());
    assertTrue(e.getMessage().contains("102,401 bytes"), e.getMessage());
  }

  @Test
  void invalidUtf8ReportsByteOffsetAndLine() throws IOException {
    byte[] prefix = "# Title\n\nCaf".getBytes(StandardCharsets.ISO_8859_1);
    byte[] bytes = new byte[prefix.length + 3];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    bytes[prefix.length] = (byte) 0xE9; // é in Latin-1, not UTF-8
    bytes[prefix.length + 1] = '\n';
    bytes[prefix.length + 2] = 'x';
    Path file = writeBytes("latin1.md", bytes);

    SmileException e = assertThrows(SmileException.class, () -> TutorialLoader.load(file));

    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    assertTrue(e.getMessage().contains("0xE9 at byte offset 12 (line 3)"), e.getMessage());
  }

  @Test
  void truncatedMultiByteSequenceAtTheEndIsAnEncodingError() throws IOException {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    Path file = writeBytes("cut.md", new byte[] {'a', '\n', euro[0], euro[1]});

    SmileException e = assertThrows(SmileException.class, () -> TutorialLoader.load(file));

    assertTrue(e.getMessage().contains("byte offset 2 (line 2)"), e.getMessage());
  }

  @Test
  void byteOrderMarkIsStripped() throws IOException {
    byte[] text = "# Hi\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bytes, 3, text.length);

    Tutorial tutorial = TutorialLoader.load(writeBytes("bom.md", bytes));

    assertEquals("# Hi\n", tutorial.markdown());
  }

  @Test
  void inlineContentHasNoPathOrFolder() {
    Tutorial tutorial = TutorialLoader.fromContent("# Inline\n", "inline.md");

    assertEquals("inline.md", tutorial.name());
    assertNull(tutorial.path());
    assertNull(tutorial.folder());
    assertEquals("# Inline\n", tutorial.markdown());
  }

  @Test
  void inlineContentSizeIsCountedInUtf8Bytes() {
    // 34,134 three-byte characters: 102,402 bytes, although only 34,134 chars.
    String markdown = "€".repeat(34_134);

    SmileException e =
        assertThrows(SmileException.class, () -> TutorialLoader.fromContent(markdown, "x.md"));

    assertTrue(e.getMessage().contains("Tutorial exceeds size limit (100KB)"), e.getMessage());
    String justUnder = "€".repeat(34_133); // 102,399 bytes
    assertEquals(justUnder, TutorialLoader.fromContent(justUnder, "x.md").markdown());
  }

  @Test
  void findsMarkdownAndHtmlImagesWithTheirLines() throws IOException {
    image("img/diagram.png");
    image("logo.SVG");
    image("photo.jpeg");

    List<ImageReference> images =
        imagesOf(
            """
            # Guide

            ![Diagram](img/diagram.png "The flow")
            Some text <img src="logo.SVG" alt="logo"> and ![photo](<photo.jpeg>).
            ![gone](img/missing.gif)
            """);

    assertEquals(4, images.size());
    assertEquals(
        new ImageReference(3, "img/diagram.png", dir.resolve("img/diagram.png"), Status.FOUND),
        images.get(0));
    assertEquals(
        new ImageReference(4, "logo.SVG", dir.resolve("logo.SVG"), Status.FOUND), images.get(1));
    assertEquals(Status.FOUND, images.get(2).status());
    assertEquals("photo.jpeg", images.get(2).reference());
    assertEquals(
        new ImageReference(5, "img/missing.gif", dir.resolve("img/missing.gif"), Status.MISSING),
        images.get(3));
  }

  @Test
  void otherFileTypesAreIgnored() throws IOException {
    List<ImageReference> images =
        imagesOf("![a](notes.pdf)\n![b](movie.mp4)\n[link](pic.png)\n![c](pic.png?v=2)\n");

    assertEquals(1, images.size());
    assertEquals("pic.png?v=2", images.get(0).reference());
    assertEquals(dir.resolve("pic.png"), images.get(0).resolved());
  }

  @Test
  void parentFolderEscapeIsOutside() throws IOException {
    Path sub = dir.resolve("tut");
    Files.createDirectories(sub);
    image("secret.png");
    Tutorial tutorial =
        TutorialLoader.load(
            write("tut/guide.md", "![x](../secret.png)\n![y](a/../../secret.png)\n"));

    List<ImageReference> images = TutorialImages.check(tutorial);

    assertEquals(
        List.of(Status.OUTSIDE, Status.OUTSIDE),
        images.stream().map(ImageReference::status).toList());
  }

  @Test
  void dotDotThatStaysInsideIsFine() throws IOException {
    image("img/a.png");

    assertEquals(Status.FOUND, imagesOf("![a](img/../img/a.png)\n").get(0).status());
  }

  @Test
  void absolutePathIsOutside() throws IOException {
    Path target = image("abs.png").toAbsolutePath();

    List<ImageReference> images =
        imagesOf("![abs](" + target + ")\n<img src='file:///etc/x.png'>\n");

    assertEquals(Status.OUTSIDE, images.get(0).status());
    assertEquals(target, images.get(0).resolved());
    assertEquals(Status.OUTSIDE, images.get(1).status());
  }

  @Test
  void symbolicLinkLeavingTheFolderIsOutside() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.write(outside.resolve("secret.png"), new byte[] {1});
    Path tut = Files.createDirectories(dir.resolve("tut"));
    Files.createSymbolicLink(tut.resolve("leak.png"), outside.resolve("secret.png"));
    Files.createSymbolicLink(tut.resolve("linkdir"), outside);
    Files.write(tut.resolve("real.png"), new byte[] {1});
    Files.createSymbolicLink(tut.resolve("alias.png"), tut.resolve("real.png"));
    Tutorial tutorial =
        TutorialLoader.load(
            write("tut/guide.md", "![a](leak.png)\n![b](linkdir/secret.png)\n![c](alias.png)\n"));

    List<ImageReference> images = TutorialImages.check(tutorial);

    assertEquals(
        List.of(Status.OUTSIDE, Status.OUTSIDE, Status.FOUND),
        images.stream().map(ImageReference::status).toList());
  }

  @Test
  void remoteImagesAreNotChecked() throws IOException {
    List<ImageReference> images =
        imagesOf(
            "![a](https://example.com/a.png)\n"
                + "<img src=\"http://example.com/b.gif\">\n"
                + "![c](data:image/png;base64,iVBORw0KGgo=)\n");

    assertEquals(3, images.size());
    images.forEach(
        image -> {
          assertEquals(Status.REMOTE, image.status());
          assertNull(image.resolved());
        });
  }

  @Test
  void imagesInFencedCodeAndCodeSpansAreIgnored() throws IOException {
    List<ImageReference> images =
        imagesOf(
            """
            ```markdown
            ![in fence](a.png)
            ```
            ~~~~
            <img src="b.png">
            ```
            still fenced ![x](c.png)
            ~~~~
            Use `![not an image](d.png)` syntax.
            <!-- ![commented](e.png) -->
            ![real](f.png)
            """);

    assertEquals(1, images.size());
    assertEquals(
        new ImageReference(11, "f.png", dir.resolve("f.png"), Status.MISSING), images.get(0));
  }

  @Test
  void imagesInMultiLineHtmlCommentsAreIgnored() throws IOException {
    List<ImageReference> images =
        imagesOf("![before](a.png) <!-- old:\n![x](b.png)\n--> ![after](c.png)\n");

    assertEquals(
        List.of("a.png", "c.png"), images.stream().map(ImageReference::reference).toList());
    assertEquals(3, images.get(1).line());
  }

  @Test
  void referenceStyleImagesAreResolvedThroughTheirDefinition() throws IOException {
    image("arch.png");

    List<ImageReference> images =
        imagesOf("Look: ![Architecture][arch]\n\n[arch]: arch.png \"Architecture\"\n");

    assertEquals(
        List.of(new ImageReference(1, "arch.png", dir.resolve("arch.png"), Status.FOUND)), images);
  }

  @Test
  void percentEncodedNameFindsTheFile() throws IOException {
    image("my diagram.png");

    assertEquals(Status.FOUND, imagesOf("![d](my%20diagram.png)\n").get(0).status());
  }

  @Test
  void inlineTutorialCannotResolveRelativeImages() {
    Tutorial tutorial =
        TutorialLoader.fromContent(
            "![a](a.png)\n![b](https://x.org/b.png)\n![c](/etc/c.png)\n", "t.md");

    assertArrayEquals(
        new Status[] {Status.MISSING, Status.REMOTE, Status.OUTSIDE},
        TutorialImages.check(tutorial).stream().map(ImageReference::status).toArray());
  }

  @Test
  void veryLongLinesDoNotOverflowTheStack() throws InterruptedException {
    Tutorial tutorial =
        TutorialLoader.fromContent(
            "![" + "a".repeat(50_000) + "](" + "b".repeat(50_000) + ".png)\n", "long.md");
    List<List<ImageReference>> images = new java.util.ArrayList<>();
    // A small stack, as on a pooled worker thread, makes a recursive regex fail here.
    Thread scan =
        new Thread(null, () -> images.add(TutorialImages.check(tutorial)), "s", 512 * 1024);
    scan.start();
    scan.join();

    assertEquals(1, images.get(0).size());
    assertEquals(Status.MISSING, images.get(0).get(0).status());
  }
}
