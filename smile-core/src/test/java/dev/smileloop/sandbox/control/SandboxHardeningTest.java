package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root tricks tried from inside the sandbox, as a hostile tutorial would: each must be refused, and
 * nothing outside the workspace may change. Runs as whoever runs the build (CI: root; see README
 * for the run as a normal user).
 */
class SandboxHardeningTest {

  private static final Duration SHORT = Duration.ofSeconds(5);

  @TempDir Path temp;
  private Path tutorial;
  private Workspace workspace;
  private final String marker = "smile-escape-" + ProcessHandle.current().pid();

  @BeforeEach
  void prepare() throws Exception {
    tutorial = Files.createDirectories(temp.resolve("tutorial"));
    Files.writeString(tutorial.resolve("tutorial.md"), "# T\n");
    workspace = Workspaces.prepare(temp.resolve("work"), "hostile", 1, tutorial);
  }

  private CommandResult run(String command) throws Exception {
    try (ShellSession shell = ShellSession.open(TestSandboxes.bubblewrap(), workspace)) {
      return shell.run(command, SHORT);
    }
  }

  @Test
  void commandsRunUnprivilegedWithoutAnyCapability() throws Exception {
    CommandResult who = run("id -u; grep -E '^Cap(Eff|Prm|Bnd):' /proc/self/status");

    assertEquals(
        "65534\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n"
            + "CapBnd:\t0000000000000000",
        who.output());
  }

  @Test
  void theEscapeThroughAPrivateMountNamespaceIsRefused() throws Exception {
    CommandResult escape =
        run(
            "unshare -m sh -c 'mount -o remount,rw,bind / && umount -l /tmp && echo x > /tmp/"
                + marker
                + "'");

    assertNotEquals(0, escape.exitCode(), escape.output());
    assertFalse(Files.exists(Path.of("/tmp", marker)));
  }

  @Test
  void remountingAndUnmountingAreRefused() throws Exception {
    CommandResult attempts =
        run(
            "mount -o remount,rw / 2>/dev/null; echo remount=$?;"
                + " umount -l /tmp 2>/dev/null; echo umount=$?;"
                + " unshare -Urm true 2>/dev/null; echo userns=$?;"
                + " touch /etc/"
                + marker
                + " 2>/dev/null; echo etc=$?");

    assertEquals("remount=32\numount=32\nuserns=1\netc=1", attempts.output());
    assertFalse(Files.exists(Path.of("/etc", marker)));
  }

  @Test
  void unmountingProcShowsNoHostProcesses() throws Exception {
    CommandResult processes =
        run(
            "umount -l /proc 2>/dev/null; ls /proc | grep -cE '^[0-9]+$'; ps -e --no-headers | wc -l");

    String[] counts = processes.output().strip().split("\n");
    assertTrue(Integer.parseInt(counts[0]) < 10, "pids in /proc: " + processes.output());
    assertTrue(Integer.parseInt(counts[1]) < 10, "ps: " + processes.output());
  }

  @Test
  void filesOnlyRootMayReadStayUnreadable() throws Exception {
    CommandResult shadow =
        run("cat /etc/shadow >/dev/null 2>&1; echo shadow=$?; ls -A /root 2>/dev/null | wc -l");

    assertEquals("shadow=1\n0", shadow.output(), "/etc/shadow and /root");
  }

  @Test
  void theTutorialFolderStaysReadOnlyAndTheWorkspaceStaysDeletable() throws Exception {
    CommandResult writes =
        run(
            "echo x 2>/dev/null > /tmp/smile/tutorial/tutorial.md; echo tutorial=$?;"
                + " mkdir -p deep/er && echo kept > deep/er/file && chmod -w deep/er && echo work=$?");

    assertEquals("tutorial=1\nwork=0", writes.output());
    assertEquals("# T\n", Files.readString(tutorial.resolve("tutorial.md")));
    assertEquals("kept\n", Files.readString(workspace.work().resolve("deep/er/file")));
    Workspaces.deleteTree(workspace.root());
    assertFalse(Files.exists(workspace.root()));
  }

  @Test
  void aServerFolderTheSandboxUserCannotReachNeedsNoHiding() throws Exception {
    Path closed = Files.createDirectories(temp.resolve("closed"));
    Files.setPosixFilePermissions(
        closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path state = Files.createDirectories(closed.resolve("server/.smile"));
    String before = System.getProperty("user.dir");
    System.setProperty("user.dir", state.getParent().toString());
    try {
      assertEquals("started", run("echo started").output());
    } finally {
      System.setProperty("user.dir", before);
    }
  }

  @Test
  void theServersStateFolderIsHidden() throws Exception {
    Path state = Path.of(System.getProperty("user.dir")).resolve(".smile");
    boolean created = !Files.exists(state);
    Files.createDirectories(state);
    Path token = state.resolve("token-" + marker);
    Files.writeString(token, "not-for-tutorials");
    try {
      CommandResult look = run("cat " + token + " 2>/dev/null; echo rc=$?; env | grep -c TOKEN");

      assertEquals("rc=1\n0", look.output());
    } finally {
      Files.delete(token);
      if (created) {
        Files.delete(state);
      }
    }
  }
}
