package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bubblewrap command line, built without running it. */
class BubblewrapCommandLineTest {

  private static final SandboxLimits LIMITS = new SandboxLimits(100, 512, 64, 128, 32, 30);

  @TempDir Path temp;

  private List<String> command(boolean root, boolean network) throws Exception {
    Workspace workspace = Workspaces.prepare(temp, "cli", 1, null);
    ResourceControl control =
        new ResourceControl(ResourceControl.Mechanism.RLIMITS, root, null, null);
    BubblewrapSandbox sandbox =
        new BubblewrapSandbox(Path.of("/usr/bin/bwrap"), network, LIMITS, control);
    return sandbox.command(workspace, IterationLimits.none());
  }

  private static List<String> from(List<String> command, String first) {
    return command.subList(command.indexOf(first), command.size());
  }

  @Test
  void theShellRunsAsAnUnprivilegedUserWithoutCapabilitiesOrNestedNamespaces() throws Exception {
    List<String> bwrap = from(command(false, false), "/usr/bin/bwrap");

    assertEquals(
        0, Collections.indexOfSubList(bwrap, List.of("/usr/bin/bwrap", "--ro-bind", "/", "/")));
    for (List<String> flag :
        List.of(
            List.of("--unshare-all"),
            List.of("--unshare-user"),
            List.of("--uid", "65534", "--gid", "65534"),
            List.of("--cap-drop", "ALL"),
            List.of("--disable-userns"),
            List.of("--die-with-parent"),
            List.of("--new-session"),
            List.of("--proc", "/proc"))) {
      assertTrue(Collections.indexOfSubList(bwrap, flag) >= 0, "missing " + flag + " in " + bwrap);
    }
    assertFalse(bwrap.contains("--share-net"));
    assertEquals(
        List.of("bash", "--noprofile", "--norc"), bwrap.subList(bwrap.size() - 3, bwrap.size()));
  }

  @Test
  void tmpAndDevShmAreSizeCapped() throws Exception {
    List<String> bwrap = command(false, false);
    String bytes = Long.toString(32L * 1024 * 1024);

    assertTrue(Collections.indexOfSubList(bwrap, List.of("--size", bytes, "--tmpfs", "/tmp")) >= 0);
    assertTrue(
        Collections.indexOfSubList(bwrap, List.of("--size", bytes, "--tmpfs", "/dev/shm")) >= 0);
  }

  @Test
  void aServerThatIsNotRootStartsBwrapDirectlyOnTheWorkspace() throws Exception {
    List<String> command = command(false, true);

    assertEquals("/usr/bin/bwrap", command.get(0));
    assertTrue(command.contains("--share-net"));
    assertTrue(command.contains(temp.resolve("cli/iteration-1/work").toString()));
  }

  @Test
  void aRootServerBecomesUser65534InAPrivateMountNamespaceFirst() throws Exception {
    List<String> command = command(true, false);

    assertEquals(
        List.of("unshare", "--mount", "--propagation", "private", "sh", "-c"),
        command.subList(0, 6));
    String wrapper = command.get(6);
    assertTrue(wrapper.contains("setpriv --reuid=65534 --regid=65534 --clear-groups"), wrapper);
    assertTrue(wrapper.contains("mount --bind"), wrapper);
    List<String> bwrap = from(command, "/usr/bin/bwrap");
    assertTrue(
        Collections.indexOfSubList(bwrap, List.of("--bind", "/dev/shm/work", "/tmp/smile/work"))
            >= 0);
    assertEquals(65534, Files.getAttribute(temp.resolve("cli/iteration-1/work"), "unix:uid"));
  }

  @Test
  void theDescriptionNamesTheUserAndEveryLimit() throws Exception {
    ResourceControl control =
        new ResourceControl(ResourceControl.Mechanism.CGROUP_V1, true, null, null);
    String description =
        new BubblewrapSandbox(Path.of("/usr/bin/bwrap"), false, LIMITS, control).description();

    assertEquals(
        "bubblewrap sandbox (unprivileged uid 65534 on the host; cgroup v1: memory 512 MiB, 100"
            + " processes; rlimits: file size 64 MiB, CPU 30 s per process; workspace 128 MiB"
            + " (watched); /tmp 32 MiB)",
        description);
  }
}
