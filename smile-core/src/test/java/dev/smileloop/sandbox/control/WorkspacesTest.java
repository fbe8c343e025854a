package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacesTest {

  @TempDir Path root;

  @Test
  void layoutIsLoopIterationWorkAndLogs() throws IOException {
    Workspace workspace = Workspaces.prepare(root, "loop-1", 2, null);

    assertEquals(root.resolve("loop-1/iteration-2"), workspace.root());
    assertTrue(Files.isDirectory(workspace.work()));
    assertTrue(Files.isDirectory(workspace.logs()));
  }

  @Test
  void preparingAnIterationRemovesEveryEarlierIteration() throws IOException {
    Workspace first = Workspaces.prepare(root, "loop", 1, null);
    Files.writeString(first.work().resolve("left-over.txt"), "from iteration 1");

    Workspace second = Workspaces.prepare(root, "loop", 2, null);

    assertFalse(Files.exists(first.root()));
    try (var entries = Files.list(second.work())) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void completedWorkspaceIsRemovedUnlessKeepOnSuccess() throws IOException {
    Workspace removed = Workspaces.prepare(root, "a", 1, null);
    Workspace kept = Workspaces.prepare(root, "b", 1, null);

    assertFalse(Workspaces.release(removed, true, ContainerSettings.defaults()));
    assertTrue(Workspaces.release(kept, true, new ContainerSettings(true, true, false, false)));

    assertFalse(Files.exists(removed.root()));
    assertFalse(Files.exists(root.resolve("a")), "no empty loop folder is left behind");
    assertTrue(Files.exists(kept.root()));
  }

  @Test
  void failedWorkspaceIsKeptUnlessKeepOnFailureIsOff() throws IOException {
    Workspace kept = Workspaces.prepare(root, "a", 1, null);
    Workspace removed = Workspaces.prepare(root, "b", 1, null);

    assertTrue(Workspaces.release(kept, false, ContainerSettings.defaults()));
    assertFalse(
        Workspaces.release(removed, false, new ContainerSettings(false, false, false, false)));

    assertTrue(Files.exists(kept.root()));
    assertFalse(Files.exists(removed.root()));
  }

  @Test
  void deletingCopesWithFoldersATutorialMadeReadOnly() throws IOException {
    Path locked = Files.createDirectories(root.resolve("tree/locked"));
    Files.writeString(locked.resolve("file.txt"), "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));

    Workspaces.deleteTree(root.resolve("tree"));

    assertFalse(Files.exists(root.resolve("tree")));
  }

  @Test
  void loopIdBecomesOneSafeFolderName() {
    assertEquals("a_b_.._c", Workspaces.safeName("a/b/../c"));
    assertEquals("loop", Workspaces.safeName(".."));
    assertEquals("loop", Workspaces.safeName(null));
  }
}
