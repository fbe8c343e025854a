package dev.smileloop.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the tutorials of a folder run: every {@code *.md} under the given folders (hidden folders,
 * {@code node_modules} and SMILE's own reports skipped), the given files, and the files a glob
 * matches ({@code docs/**}{@code /*.md}). A {@code .smileignore} file in a folder lists glob
 * patterns, relative to that folder, of files and folders to leave out ({@code #} starts a
 * comment). Each tutorial is run with the {@code smile.json} of its own folder, when there is one.
 */
final class TutorialFinder {

  /** One tutorial and the configuration beside it (null for none). */
  record Target(Path tutorial, Path config) {}

  private TutorialFinder() {}

  static boolean isGlob(String arg) {
    return arg.contains("*") || arg.contains("?") || arg.contains("[");
  }

  static List<Target> find(List<String> args, Path cwd) {
    TreeSet<Path> found = new TreeSet<>();
    for (String arg : args) {
      if (isGlob(arg)) {
        found.addAll(glob(cwd, arg));
        continue;
      }
      Path path = cwd.resolve(arg).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        found.addAll(walk(path));
      } else if (Files.isRegularFile(path)) {
        found.add(path);
      } else {
        throw new Options.UsageException("no such tutorial, folder or glob match: " + arg);
      }
    }
    List<Target> targets = new ArrayList<>();
    for (Path tutorial : found) {
      Path config = tutorial.getParent().resolve("smile.json");
      targets.add(new Target(tutorial, Files.isRegularFile(config) ? config : null));
    }
    return targets;
  }

  private static List<Path> walk(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> isTutorial(f) && !hidden(root, f) && !ignored(root, f))
          .map(f -> f.toAbsolutePath().normalize())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> glob(Path cwd, String pattern) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> files = Files.walk(cwd)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> matcher.matches(cwd.relativize(f)) && !hidden(cwd, f) && !ignored(cwd, f))
          .map(f -> f.toAbsolutePath().normalize())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isTutorial(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".md") && !name.startsWith("smile-report") && !name.contains(".smile-");
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      String name = part.toString();
      if (name.startsWith(".") || name.equals("node_modules") || name.equals("target")) {
        return true;
      }
    }
    return false;
  }

  /** True when a {@code .smileignore} in {@code root} or a folder between excludes the file. */
  private static boolean ignored(Path root, Path file) {
    for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
      Path ignore = dir.resolve(".smileignore");
      if (Files.isRegularFile(ignore) && matches(ignore, dir.relativize(file))) {
        return true;
      }
      if (dir.equals(root)) {
        break;
      }
    }
    return false;
  }

  private static boolean matches(Path ignoreFile, Path relative) {
    try {
      for (String line : Files.readAllLines(ignoreFile)) {
        String pattern = line.strip();
        if (pattern.isEmpty() || pattern.startsWith("#")) {
          continue;
        }
        if (pattern.endsWith("/")) {
          pattern = pattern + "**";
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (matcher.matches(relative) || matcher.matches(relative.getFileName())) {
          return true;
        }
        for (Path prefix = relative.getParent(); prefix != null; prefix = prefix.getParent()) {
          if (matcher.matches(prefix)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
