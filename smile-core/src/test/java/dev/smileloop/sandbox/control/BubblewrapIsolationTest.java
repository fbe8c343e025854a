package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.sandbox.entity.CommandResult;
import dev.smileloop.sandbox.entity.Workspace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapIsolationTest {

  private static final Duration SHORT = Duration.ofSeconds(2);

  @TempDir Path temp;

  private CommandResult runIn(Sandbox sandbox, Workspace workspace, String command)
      throws Exception {
    try (ShellSession shell = ShellSession.open(sandbox, workspace)) {
      return shell.run(command, SHORT);
    }
  }

  private static String connect(int port) {
    return "exec 3<>/dev/tcp/127.0.0.1/" + port + " && echo connected";
  }

  @Test
  void aServerOnTheHostsLoopbackIsUnreachableFromInside() throws Exception {
    Workspace workspace = Workspaces.prepare(temp, "net", 1, null);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CommandResult inside =
          runIn(TestSandboxes.bubblewrap(), workspace, connect(server.getLocalPort()));
      CommandResult onHost = runIn(new HostSandbox(), workspace, connect(server.getLocalPort()));

      assertNotEquals(0, inside.exitCode());
      assertFalse(inside.output().contains("connected"), inside.output());
      assertEquals("connected", onHost.output(), "the probe itself must work outside the sandbox");
    }
  }

  @Test
  void sharingTheNetworkReachesTheHost() throws Exception {
    Workspace workspace = Workspaces.prepare(temp, "net", 1, null);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      CommandResult inside =
          runIn(TestSandboxes.bubblewrap(true), workspace, connect(server.getLocalPort()));

      assertEquals("connected", inside.output());
    }
  }

  @Test
  void writesOutsideTheWorkspaceFailAndWritesInsideLandInIt() throws Exception {
    Path tutorial = Files.createDirectories(temp.resolve("tutorial"));
    Files.writeString(tutorial.resolve("tutorial.md"), "# T\n");
    Workspace workspace = Workspaces.prepare(temp.resolve("work"), "fs", 1, tutorial);
    String realHome = System.getProperty("user.home");
    String probe = "smile-probe-" + ProcessHandle.current().pid();

    try (ShellSession shell = ShellSession.open(TestSandboxes.bubblewrap(), workspace)) {
      assertNotEquals(0, shell.run("touch /etc/" + probe, SHORT).exitCode());
      assertNotEquals(0, shell.run("touch /tmp/smile/tutorial/" + probe, SHORT).exitCode());
      assertNotEquals(0, shell.run("touch " + realHome + "/" + probe, SHORT).exitCode());
      assertNotEquals(0, shell.run("touch " + temp + "/" + probe, SHORT).exitCode());
      assertEquals("# T", shell.run("cat /tmp/smile/tutorial/tutorial.md", SHORT).output());
      assertEquals(0, shell.run("echo kept > inside.txt", SHORT).exitCode());
    }

    assertFalse(Files.exists(Path.of("/etc", probe)));
    assertFalse(Files.exists(tutorial.resolve(probe)));
    assertFalse(Files.exists(Path.of(realHome, probe)));
    assertFalse(Files.exists(temp.resolve(probe)));
    assertEquals("kept\n", Files.readString(workspace.work().resolve("inside.txt")));
  }

  @Test
  void theServerUsersHomeIsHidden() throws Exception {
    Workspace workspace = Workspaces.prepare(temp, "home", 1, null);
    String realHome = System.getProperty("user.home");

    CommandResult listing =
        runIn(TestSandboxes.bubblewrap(), workspace, "ls -A " + realHome + " | wc -l");

    assertEquals("0", listing.output().strip());
  }

  @Test
  void nothingCarriesOverFromOneIterationToTheNext() throws Exception {
    Workspace first = Workspaces.prepare(temp, "loop", 1, null);
    runIn(TestSandboxes.bubblewrap(), first, "echo old > state.txt; echo old > /tmp/scratch.txt");

    Workspace second = Workspaces.prepare(temp, "loop", 2, null);
    CommandResult look =
        runIn(TestSandboxes.bubblewrap(), second, "ls -A; ls /tmp/scratch.txt 2>/dev/null; true");

    assertEquals("", look.output());
    assertTrue(Files.notExists(first.root()));
  }
}
