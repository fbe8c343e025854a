package dev.smileloop.sandbox.control;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Creates and removes the host folders of learner attempts. Layout: {@code
 * <workRoot>/<loopId>/iteration-<n>/{work,logs}}. Every iteration starts from nothing: preparing
 * iteration n removes the folders of all other iterations of the same loop.
 */
public final class Workspaces {

  private Workspaces() {}

  public static Workspace prepare(Path workRoot, String loopId, int iteration, Path tutorialFolder)
      throws IOException {
    Path loopFolder = workRoot.toAbsolutePath().normalize().resolve(safeName(loopId));
    Files.createDirectories(loopFolder);
    try (Stream<Path> entries = Files.list(loopFolder)) {
      for (Path entry : entries.toList()) {
        if (entry.getFileName().toString().startsWith("iteration-")) {
          deleteTree(entry);
        }
      }
    }
    Path root = loopFolder.resolve("iteration-" + iteration);
    Path work = Files.createDirectories(root.resolve("work"));
    Path logs = Files.createDirectories(root.resolve("logs"));
    Path folder = tutorialFolder == null ? null : tutorialFolder.toAbsolutePath().normalize();
    return new Workspace(root, work, logs, folder);
  }

  /**
   * Removes the workspace after an attempt unless the settings keep it: a successful one only with
   * {@code keepOnSuccess}, a failed one unless {@code keepOnFailure} is off.
   *
   * @return whether the workspace was kept
   */
  public static boolean release(Workspace workspace, boolean succeeded, ContainerSettings settings)
      throws IOException {
    boolean keep = succeeded ? settings.keepOnSuccess() : settings.keepOnFailure();
    if (!keep) {
      deleteTree(workspace.root());
      deleteIfEmpty(workspace.root().getParent()); // the loop's folder, when nothing else is kept
    }
    return keep;
  }

  private static void deleteIfEmpty(Path folder) throws IOException {
    try {
      Files.deleteIfExists(folder);
    } catch (java.nio.file.DirectoryNotEmptyException kept) {
      // Another iteration's workspace is kept there.
    }
  }

  /**
   * Deletes a folder tree, also when a tutorial took the write permission away from one of its
   * folders (chmod -w), which would otherwise stop the deletion for a non-root server.
   */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            makeAccessible(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException failure)
              throws IOException {
            if (failure instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw failure;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null && !(failure instanceof NoSuchFileException)) {
              throw failure;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void makeAccessible(Path dir) throws IOException {
    if (Files.isWritable(dir) && Files.isExecutable(dir) && Files.isReadable(dir)) {
      return;
    }
    try {
      dir.toFile().setWritable(true, true);
      dir.toFile().setExecutable(true, true);
      dir.toFile().setReadable(true, true);
    } catch (SecurityException e) {
      throw new AccessDeniedException(dir.toString(), null, e.getMessage());
    }
  }

  /** Keeps a loop id usable as one folder name. */
  static String safeName(String loopId) {
    String name = loopId == null || loopId.isBlank() ? "loop" : loopId;
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return List.of(".", "..").contains(safe) ? "loop" : safe;
  }
}
