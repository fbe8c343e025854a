package dev.smileloop.access;

import dev.smileloop.problem.SmileException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The folders a REST caller may name: the served folder ({@code smile.workDir}) and the extra roots
 * of {@code smile.allowedRoots} / {@code SMILE_ALLOWED_ROOTS} (a path-separator list). A path is
 * judged after its symbolic links are resolved; a path that does not exist yet is judged by its
 * nearest existing parent. The refusal is the same whether the target exists or not and never
 * quotes the target, so it reveals nothing about the server's files.
 */
public final class PathGuard {

  public static final String ROOTS_PROPERTY = "smile.allowedRoots";
  public static final String ROOTS_ENV = "SMILE_ALLOWED_ROOTS";

  private final List<Path> roots;

  public PathGuard(List<Path> roots) {
    this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** The served folder plus the roots configured for this process. */
  public static PathGuard forServer(Path workDir) {
    List<Path> roots = new ArrayList<>();
    roots.add(workDir);
    String extra = System.getProperty(ROOTS_PROPERTY, System.getenv(ROOTS_ENV));
    if (extra != null) {
      for (String root : extra.split(File.pathSeparator)) {
        if (!root.isBlank()) {
          roots.add(Path.of(root.strip()));
        }
      }
    }
    return new PathGuard(roots);
  }

  public List<Path> roots() {
    return roots;
  }

  /**
   * Returns {@code path} when it lies inside an allowed root.
   *
   * @throws SmileException {@code INVALID_INPUT} naming {@code field} otherwise
   */
  public Path check(String field, Path path) {
    Path real = resolved(path);
    if (real != null) {
      for (Path root : roots) {
        Path realRoot = resolved(root);
        if (realRoot != null && real.startsWith(realRoot)) {
          return path;
        }
      }
    }
    throw SmileException.invalid(
        field
            + " must name a path inside the folder this server serves (smile.workDir) or one of"
            + " its allowed roots (smile.allowedRoots)");
  }

  /** The real path, or for a missing one its nearest existing parent's real path plus the rest. */
  private static Path resolved(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      Path real = existing.toRealPath();
      while (!missing.isEmpty()) {
        real = real.resolve(missing.pop());
      }
      return real;
    } catch (IOException danglingLinkOrUnreadable) {
      return null; // cannot tell where it leads: refused like a path outside
    }
  }
}
