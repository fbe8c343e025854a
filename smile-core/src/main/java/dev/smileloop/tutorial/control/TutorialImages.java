package dev.smileloop.tutorial.control;

import dev.smileloop.tutorial.entity.ImageReference;
import dev.smileloop.tutorial.entity.ImageReference.Status;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialDocument;
import dev.smileloop.tutorial.entity.TutorialDocument.Reference;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the PNG, JPG, GIF and SVG images a tutorial shows (its {@link TutorialDocument}'s images:
 * inline, by reference and {@code <img>} tags, never inside code or comments) against its folder.
 * Nothing outside the tutorial's folder is ever read.
 */
public final class TutorialImages {

  private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg");

  private static final Pattern DATA_IMAGE =
      Pattern.compile(
          "data:image/(png|jpe?g|gif|svg\\+xml)[;,].*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private TutorialImages() {}

  /** The tutorial's images, in order, each with what was found where it points. */
  public static List<ImageReference> check(Tutorial tutorial, TutorialDocument document) {
    Path folder = tutorial.folder() == null ? null : tutorial.folder().toAbsolutePath().normalize();
    Path realFolder = realPath(folder);
    List<ImageReference> images = new ArrayList<>();
    for (Reference image : document.images()) {
      ImageReference checked = classify(image.line(), image.destination(), folder, realFolder);
      if (checked != null) {
        images.add(checked);
      }
    }
    return List.copyOf(images);
  }

  /** The images of a tutorial read from its Markdown. */
  public static List<ImageReference> check(Tutorial tutorial) {
    return check(tutorial, TutorialReader.read(tutorial.markdown()));
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
  static ImageReference classify(int line, String written, Path folder, Path realFolder) {
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
