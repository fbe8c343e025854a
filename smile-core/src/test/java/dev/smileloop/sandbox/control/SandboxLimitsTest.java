package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile commands against small limits, in the real sandbox with whatever mechanism this machine
 * has (cgroup v1 as root, rlimits otherwise): each is stopped and the limit named on its result.
 */
class SandboxLimitsTest {

  private static final SandboxLimits SMALL = new SandboxLimits(32, 128, 8, 16, 4, 1);

  @TempDir Path temp;
  private Workspace workspace;

  @BeforeEach
  void prepare() throws Exception {
    workspace = Workspaces.prepare(temp, "limits", 1, null);
  }

  private Sandbox sandbox(SandboxLimits limits) {
    Path bwrap = ExecutableLookup.system().find("bwrap").orElse(null);
    assumeTrue(bwrap != null, "bubblewrap (bwrap) is not installed");
    return new BubblewrapSandbox(bwrap, false, limits, ResourceControl.detect());
  }

  private CommandResult run(String command, int seconds) throws Exception {
    try (ShellSession shell = ShellSession.open(sandbox(SMALL), workspace)) {
      return shell.run(command, Duration.ofSeconds(seconds));
    }
  }

  @Test
  void aForkStormStopsAtTheProcessLimit() throws Exception {
    CommandResult storm = run("for i in $(seq 200); do sleep 30 & done; echo started", 4);

    assertEquals("process limit 32 reached", storm.limit(), storm.output());
  }

  @Test
  void aMemoryHogIsStoppedAtTheMemoryLimit() throws Exception {
    assumeTrue(ExecutableLookup.sandbox().find("python3").isPresent(), "no python3");
    CommandResult hog = run("python3 -c 'x = bytearray(512 * 1024 * 1024); print(len(x))'", 20);

    assertTrue(hog.limit() != null && hog.limit().contains("memory limit 128 MiB"), hog.output());
    assertTrue(hog.output().endsWith("[sandbox: " + hog.limit() + "]"), hog.output());
  }

  @Test
  void anEndlessWriterIsKilledAtTheFileSizeLimit() throws Exception {
    CommandResult yes = run("yes > f", 10);

    assertEquals("killed: file size limit 8 MiB (SIGXFSZ)", yes.limit(), yes.output());
    assertEquals(IterationLimits.SIGXFSZ_EXIT, yes.exitCode());
    assertEquals(SandboxLimits.bytes(8), Files.size(workspace.work().resolve("f")));
  }

  @Test
  void manyFilesTogetherStopAtTheWorkspaceLimit() throws Exception {
    CommandResult fill =
        run("for i in $(seq 200); do head -c 6M /dev/zero > f$i; sleep 0.2; done", 60);

    assertEquals("workspace limit 16 MiB exceeded", fill.limit(), fill.output());
    assertTrue(fill.shellEnded(), "the command was killed");
    assertTrue(
        usage(workspace.work()) < SandboxLimits.bytes(64), "bytes: " + usage(workspace.work()));
  }

  @Test
  void theSizeCappedTmpFillsUp() throws Exception {
    CommandResult tmp = run("head -c 6M /dev/zero > /tmp/big", 10);

    assertEquals("/tmp full (4 MiB)", tmp.limit(), tmp.output());
  }

  @Test
  void aSpinningProcessStopsAtTheCpuLimit() throws Exception {
    CommandResult spin = run("sh -c 'while :; do :; done'", 20);

    assertEquals("CPU time limit 1 s", spin.limit(), spin.output());
  }

  @Test
  void anOrdinaryCommandHitsNoLimit() throws Exception {
    CommandResult plain = run("echo fine > f && cat f", 5);

    assertNull(plain.limit());
    assertEquals("fine", plain.output());
  }

  @Test
  void aFloodOfOutputLeavesOnlyItsExcerptInTheTranscript() throws Exception {
    SandboxLimits roomy = new SandboxLimits(64, 512, 64, 64, 16, 60);
    try (ShellSession shell = ShellSession.open(sandbox(roomy), workspace)) {
      CommandResult flood = shell.run("head -c 20M /dev/zero | tr '\\0' y", Duration.ofSeconds(30));

      assertNull(flood.limit(), flood.output());
      assertTrue(Files.size(workspace.logs().resolve("session.log")) < 64 * 1024);
      assertEquals("ok", shell.run("echo ok", Duration.ofSeconds(5)).output());
    }
  }

  private static long usage(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
