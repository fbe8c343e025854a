package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile tutorials through the real server and the built-in learner: root tricks that must be
 * refused without touching the host, and resource attacks that must stop at the sandbox's limits,
 * with the limit recorded on the command and the loop ending with a clear status.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileTutorialIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final List<String> ENDED = List.of("completed", "max_iterations", "blocker");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;
  private final String marker = "smile-hostile-" + ProcessHandle.current().pid();

  @BeforeEach
  void quietServer() {
    Sandbox.assumeAvailable();
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  private static String tutorial(String... steps) {
    StringBuilder text = new StringBuilder("# Hostile tutorial\n");
    for (int i = 0; i < steps.length; i++) {
      text.append("\n## Step ").append(i + 1).append("\n\n```bash\n").append(steps[i]);
      text.append("\n```\n");
    }
    return text.toString();
  }

  /** Runs the tutorial to its end and gives the commands of the first iteration. */
  private List<JsonObject> run(String tutorial, boolean network) {
    JsonObjectBuilder limits =
        Json.createObjectBuilder()
            .add("processes", 64)
            .add("memoryMb", 256)
            .add("fileSizeMb", 64)
            .add("workspaceMb", 128)
            .add("tmpMb", 16)
            .add("cpuSeconds", 30);
    String tmp = System.getProperty("java.io.tmpdir");
    String body =
        Json.createObjectBuilder()
            .add("tutorialContent", tutorial)
            .add(
                "config",
                Json.createObjectBuilder()
                    .add("llmProvider", "builtin")
                    .add("maxIterations", 1)
                    .add("stateFile", tmp + "/smile-hostile-it/state.json")
                    .add("outputDir", tmp + "/smile-hostile-it")
                    .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 15))
                    .add(
                        "container",
                        Json.createObjectBuilder().add("network", network).add("limits", limits)))
            .build()
            .toString();
    SmileServer.Reply started = server.post("api/loop", body);
    assertEquals(202, started.status(), started.body());
    JsonObject state = server.awaitStatus(s -> !SmileServer.isActive(s), WAIT);
    assertTrue(ENDED.contains(state.getString("status")), state.toString());
    return state
        .getJsonArray("history")
        .getJsonObject(0)
        .getJsonObject("studentOutput")
        .getJsonArray("commands")
        .getValuesAs(JsonObject.class);
  }

  private static JsonObject command(List<JsonObject> commands, String containing) {
    return commands.stream()
        .filter(c -> c.getString("command").contains(containing))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no command with " + containing + ": " + commands));
  }

  private static Optional<String> limit(JsonObject command) {
    JsonValue limit = command.get("limit");
    return limit == null ? Optional.empty() : Optional.of(command.getString("limit"));
  }

  private JsonObject limited(String step, String expectedLimit) {
    List<JsonObject> commands = run(tutorial(step), false);
    JsonObject command = command(commands, step.substring(0, 12));
    assertEquals(Optional.of(expectedLimit), limit(command), command.toString());
    assertTrue(
        command.getString("outputExcerpt").contains("[sandbox: " + expectedLimit + "]"),
        command.toString());
    return command;
  }

  @Test
  void rootTricksAreRefusedAndLeaveTheHostAlone() {
    List<JsonObject> commands =
        run(
            tutorial(
                "mount -o remount,rw / 2>&1 || echo refused-remount",
                "unshare -m sh -c 'mount -o remount,rw,bind / && umount -l /tmp && echo x > /tmp/"
                    + marker
                    + "' 2>&1 || echo refused-unshare",
                "umount -l /proc 2>&1 || echo refused-umount; ls /proc | grep -cE '^[0-9]+$'",
                "(echo x > /etc/" + marker + ") 2>&1 || echo refused-etc",
                "(cat /etc/shadow | head -c 40; ls -A /root) 2>&1; echo read-done"),
            false);

    assertTrue(
        command(commands, "remount,rw /").getString("outputExcerpt").contains("refused-remount"));
    assertTrue(
        command(commands, "unshare -m").getString("outputExcerpt").contains("refused-unshare"));
    String proc = command(commands, "umount -l /proc").getString("outputExcerpt");
    assertTrue(proc.contains("refused-umount"), proc);
    int pids = Integer.parseInt(proc.substring(proc.lastIndexOf('\n') + 1).strip());
    assertTrue(pids < 10, "processes visible inside: " + proc);
    assertTrue(
        command(commands, "/etc/" + marker).getString("outputExcerpt").contains("refused-etc"));
    String read = command(commands, "/etc/shadow").getString("outputExcerpt");
    assertFalse(read.contains("root:"), read);
    assertTrue(read.contains("Permission denied"), read);
    assertFalse(Files.exists(Path.of("/tmp", marker)), "the host's /tmp was written");
    assertFalse(Files.exists(Path.of("/etc", marker)), "the host's /etc was written");
  }

  @Test
  void aForkStormStopsAtTheProcessLimit() {
    limited("for i in $(seq 2000); do sleep 30 & done; wait", "process limit 64 reached");
  }

  @Test
  void aMemoryHogIsStoppedAtTheMemoryLimit() {
    List<JsonObject> commands = run(tutorial("head -c 3G /dev/zero | tail > /dev/null"), false);
    JsonObject hog = command(commands, "head -c 3G");

    assertTrue(limit(hog).orElse("").contains("memory limit 256 MiB"), hog.toString());
  }

  @Test
  void yesIntoAFileStopsAtTheFileSizeLimit() {
    JsonObject yes = limited("timeout 5 yes > f", "killed: file size limit 64 MiB (SIGXFSZ)");
    assertNotEquals(0, yes.getInt("exitCode"));
  }

  @Test
  void fillingTheWorkspaceStopsAtItsLimit() {
    limited(
        "for i in $(seq 100); do head -c 20M /dev/zero > f$i; done",
        "workspace limit 128 MiB exceeded");
  }

  @Test
  void fillingTmpStopsAtItsSize() {
    limited("head -c 32M /dev/zero > /tmp/fill", "/tmp full (16 MiB)");
  }

  @Test
  void withTheNetworkOnTheServerIsReachableButItsTokenIsNot() throws Exception {
    Path state = Path.of(System.getProperty("user.dir")).resolve(".smile");
    Files.createDirectories(state);
    Path token = state.resolve("token-" + marker);
    Files.writeString(token, "secret-token-" + marker);
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    try {
      List<JsonObject> commands =
          run(
              tutorial(
                  "curl -s -o /dev/null -w 'status=%{http_code}\\n' http://127.0.0.1:"
                      + deployed.getPort()
                      + "/api/status",
                  "env | grep -ci token; cat " + token + " 2>&1 || echo refused-token"),
              true);

      assertTrue(command(commands, "curl").getString("outputExcerpt").contains("status=200"));
      String look = command(commands, "env | grep").getString("outputExcerpt");
      assertTrue(look.startsWith("0\n"), look);
      assertTrue(look.contains("refused-token"), look);
      assertFalse(look.contains("secret-token"), look);
    } finally {
      Files.deleteIfExists(token);
    }
  }
}
