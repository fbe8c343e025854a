package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a finished command's exit status and output tell which rlimit it hit (no cgroup here). */
class LimitDetectionTest {

  @TempDir Path temp;
  private Workspace workspace;
  private IterationLimits limits;

  @BeforeEach
  void prepare() throws Exception {
    workspace = Workspaces.prepare(temp, "detect", 1, null);
    limits = new IterationLimits(SandboxLimits.defaults(), null, workspace);
  }

  @Test
  void sigxfszIsTheFileSizeLimit() {
    assertEquals(
        "killed: file size limit 1 GiB (SIGXFSZ)",
        limits.after(153, "bash: line 1: 7 File size limit exceeded yes > f", false));
  }

  @Test
  void sigxcpuIsTheCpuLimit() {
    assertEquals("CPU time limit 600 s", limits.after(152, "", false));
  }

  @Test
  void refusedForksAreTheProcessLimit() {
    assertEquals(
        "process limit 256 reached",
        limits.after(0, "bash: fork: retry: Resource temporarily unavailable", false));
  }

  @Test
  void aFailedAllocationIsTheMemoryLimitWhenNoCgroupHoldsIt() {
    assertEquals("memory limit 2 GiB reached (RLIMIT_AS)", limits.after(1, "MemoryError", false));
    assertNull(limits.after(0, "printed the word MemoryError and succeeded", false));
  }

  @Test
  void noSpaceWithARoomyWorkspaceIsTheTmpLimit() {
    assertEquals(
        "/tmp full (256 MiB)",
        limits.after(1, "head: error writing '/tmp/x': No space left on device", false));
  }

  @Test
  void aWorkspaceOverItsLimitIsNamed() throws Exception {
    IterationLimits tiny =
        new IterationLimits(new SandboxLimits(8, 8, 8, 1, 8, 8), null, workspace);
    Files.write(workspace.work().resolve("big"), new byte[2 * 1024 * 1024]);

    assertTrue(tiny.workspaceOver());
    assertEquals("workspace limit 1 MiB exceeded", tiny.after(0, "", true));
    assertNull(tiny.after(0, "", false), "not measured after a quick command");
  }

  @Test
  void anOrdinaryFailureIsNoLimit() {
    assertNull(limits.after(1, "grep: notes.txt: No such file or directory", true));
    assertNull(limits.after(127, "bash: nodejs: command not found", true));
  }

  @Test
  void rlimitsAreSetHardSoThatCommandsCannotRaiseThem() {
    assertEquals(
        "builtin ulimit -HS -f 1048576 -u 256 -v 2097152 -t 605 2>/dev/null;"
            + " builtin ulimit -S -t 600 2>/dev/null; ",
        limits.shellPrelude());
    assertEquals("", IterationLimits.none().shellPrelude());
  }
}
