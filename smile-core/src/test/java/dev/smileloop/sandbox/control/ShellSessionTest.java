package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.sandbox.entity.Workspace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSessionTest {

  private static final Duration SHORT = Duration.ofSeconds(1);

  @TempDir java.nio.file.Path temp;
  private Workspace workspace;
  private ShellSession shell;

  @BeforeEach
  void open() throws Exception {
    workspace = Workspaces.prepare(temp, "loop", 1, null);
    shell = ShellSession.open(TestSandboxes.bubblewrap(), workspace);
  }

  @AfterEach
  void close() throws Exception {
    if (shell != null) {
      shell.close();
    }
  }

  private CommandResult run(String command) throws Exception {
    return shell.run(command, SHORT);
  }

  @Test
  void directoryVariablesAndFunctionsCarryOverLikeInOneTerminal() throws Exception {
    run("mkdir -p app && cd app");
    run("export MODE=release; count=3");
    run("greet() { echo \"hi $1\"; }");

    CommandResult result = run("pwd; echo \"$MODE $count\"; greet there");

    assertEquals("/tmp/smile/work/app\nrelease 3\nhi there", result.output());
    assertEquals("/tmp/smile/work/app", result.directory());
  }

  @Test
  void eachCommandGetsOnlyItsOwnOutput() throws Exception {
    assertEquals("first", run("echo first").output());
    assertEquals("second", run("echo second").output());
  }

  @Test
  void exitEndsTheShellAndTheNextCommandStartsFreshInTheSameDirectory() throws Exception {
    run("mkdir -p d && cd d");
    run("LOST=yes");

    CommandResult exit = run("exit 3");
    CommandResult after = run("pwd; echo \"${LOST:-gone}\"");

    assertEquals(3, exit.exitCode());
    assertTrue(exit.shellEnded());
    assertEquals("/tmp/smile/work/d\ngone", after.output());
    assertFalse(after.shellEnded());
    assertEquals(2, shell.shellsStarted());
  }

  @Test
  void failureUnderSetEEndsTheShellWithTheFailingStatus() throws Exception {
    run("set -e");

    CommandResult failed = run("false");

    assertEquals(1, failed.exitCode());
    assertTrue(failed.shellEnded());
  }

  @Test
  void commandsThatReadStdinGetEndOfFileInsteadOfHanging() throws Exception {
    CommandResult result = run("read line; echo \"read returned $?\"; cat");

    assertFalse(result.timedOut());
    assertEquals("read returned 1", result.output());
  }

  @Test
  void errorsReadLikeAnInteractiveShell() throws Exception {
    CommandResult result = run("smile-no-such-command --help");

    assertEquals(127, result.exitCode());
    assertEquals("bash: smile-no-such-command: command not found", result.output());
  }

  @Test
  void multiLineCommandsAndHeredocsRunAsOne() throws Exception {
    CommandResult result = run("cat <<EOF\nline one\nEOF\nfor i in 1 2; do\n  echo \"n$i\"\ndone");

    assertEquals("line one\nn1\nn2", result.output());
  }

  @Test
  void longOutputIsCutToItsHeadAndTail() throws Exception {
    CommandResult result = run("seq 1 100000");

    assertTrue(
        result.output().length() <= ShellSession.EXCERPT_LIMIT,
        "length " + result.output().length());
    assertTrue(result.output().startsWith("1\n2\n3\n"));
    assertTrue(result.output().endsWith("99999\n100000"));
    assertTrue(result.output().contains("bytes omitted"));
  }

  @Test
  void theLastOutputIsAvailableInFullUpToALimit() throws Exception {
    assertTrue(shell.lastOutput(1 << 20).isEmpty(), "no command ran yet");
    CommandResult result = run("seq 1 5000; echo oops >&2");

    String full = shell.lastOutput(1 << 20).orElseThrow();
    assertTrue(result.output().contains("bytes omitted"));
    assertTrue(full.contains("\n2500\n"), "the middle is there");
    assertTrue(full.startsWith("1\n2\n") && full.endsWith("5000\noops"), full.substring(0, 10));
    assertTrue(shell.lastOutput(1000).isEmpty(), "longer than the limit");

    run("echo short");
    assertEquals("short", shell.lastOutput(1000).orElseThrow());
  }

  @Test
  void environmentHoldsOnlyTheCleanMinimum() throws Exception {
    CommandResult result = run("env");

    Set<String> allowed =
        Set.of("PATH", "HOME", "LANG", "TERM", "USER", "PWD", "SHLVL", "_", "OLDPWD");
    List<String> names =
        result.output().lines().map(line -> line.substring(0, line.indexOf('='))).toList();
    assertTrue(allowed.containsAll(names), "unexpected variables: " + names);
    assertTrue(result.output().contains("HOME=/tmp/smile/work"));
    assertTrue(result.output().contains("LANG=C.UTF-8"));
  }

  @Test
  void timeoutKillsTheWholeProcessTreeAndTheNextCommandRunsInAFreshShell() throws Exception {
    run("mkdir -p t && cd t");

    CommandResult timedOut = run("sleep 913.25 & sleep 914.25");

    assertTrue(timedOut.timedOut());
    assertEquals(CommandResult.TIMEOUT_EXIT_CODE, timedOut.exitCode());
    assertEquals(List.of(), Processes.leftAfterSettling("913.25"));
    assertEquals(List.of(), Processes.leftAfterSettling("914.25"));
    CommandResult next = run("pwd");
    assertEquals("/tmp/smile/work/t", next.output());
  }

  @Test
  void interruptKillsEverythingPromptlyAndThrows() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<CommandResult> running =
          caller.submit(() -> shell.run("sleep 915.25 & sleep 916.25", Duration.ofSeconds(30)));
      Thread.sleep(300);
      long start = System.nanoTime();
      running.cancel(true);
      caller.shutdown();
      assertTrue(
          caller.awaitTermination(3, TimeUnit.SECONDS), "the caller did not return promptly");
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 3000, "took " + millis + " ms");
      assertEquals(List.of(), Processes.leftAfterSettling("915.25"));
      assertEquals(List.of(), Processes.leftAfterSettling("916.25"));
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void interruptSurfacesAsInterruptedException() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<Throwable> outcome =
          caller.submit(
              () -> {
                Thread.currentThread().interrupt();
                try {
                  shell.run("sleep 5", Duration.ofSeconds(30));
                  return null;
                } catch (InterruptedException e) {
                  return e;
                }
              });
      assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } finally {
      caller.shutdownNow();
    }
  }

  @Test
  void closingTheSessionKillsBackgroundProcesses() throws Exception {
    run("sleep 917.25 &");
    assertFalse(Processes.appearing("917.25").isEmpty());

    shell.close();
    shell = null;

    assertEquals(List.of(), Processes.leftAfterSettling("917.25"));
  }

  @Test
  void hostSandboxKeepsStateToo() throws Exception {
    Workspace host = Workspaces.prepare(temp, "host", 1, null);
    try (ShellSession session = ShellSession.open(new HostSandbox(), host)) {
      session.run("mkdir -p x && cd x && export V=1", SHORT);
      CommandResult result = session.run("echo \"$V $(basename \"$PWD\")\"; echo \"$HOME\"", SHORT);
      assertEquals(Arrays.asList("1 x", host.work().toString()), result.output().lines().toList());
    }
  }

  @Test
  void quotingKeepsAnyTextIntact() throws Exception {
    String tricky = "printf '%s|' 'a b' \"c'd\" 'tab\there' $'x\\ny'";

    CommandResult result = run(tricky);

    assertEquals("a b|c'd|tab\there|x\ny|", result.output());
  }
}
