package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as users meet it: against the WAR under a context root (as on a full application server),
 * with {@code --json}; one line and exit 4 for a wrong URL; and a run that starts its own server
 * leaves a log without colour codes and no lock file or empty folder behind.
 */
class CliOperationsIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI = ROOT.resolve("smile-cli/target/smile-cli.jar");
  private static final Path SERVER = ROOT.resolve("smile-api/target/smile-microbundle.jar");
  private static final Path WAR = ROOT.resolve("smile-api/target/smile.war");

  @TempDir Path work;

  private static Process java(Path dir, Path log, List<String> env, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(false)
            .redirectOutput(log.toFile())
            .redirectError(log.resolveSibling(log.getFileName() + ".err").toFile());
    for (String pair : env) {
      String[] kv = pair.split("=", 2);
      builder.environment().put(kv[0], kv[1]);
    }
    return builder.start();
  }

  private static String payaraMicroJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(
            entry -> Path.of(entry).getFileName().toString().matches("payara-micro-\\d.*\\.jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("payara-micro is not on the test class path"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private void writeTutorial() throws IOException {
    Files.writeString(work.resolve("tutorial.md"), Bodies.GREETER);
    Files.writeString(
        work.resolve("smile.json"), "{\"llmProvider\": \"builtin\", \"maxIterations\": 3}");
  }

  @Test
  void theCliDrivesAServerUnderAContextRootAndSaysClearlyWhenTheUrlIsWrong() throws Exception {
    Sandbox.assumeAvailable();
    writeTutorial();
    int port = freePort();
    Path serverLog = work.resolve("server.log");
    Process server =
        java(
            work,
            serverLog,
            List.of(),
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + work,
            "-jar",
            payaraMicroJar(),
            "--deploy",
            WAR.toString(),
            "--contextroot",
            "smile",
            "--port",
            String.valueOf(port),
            "--nocluster");
    try {
      awaitUp(URI.create("http://127.0.0.1:" + port + "/smile/api/status"), serverLog);
      Path out = work.resolve("run.out");
      Process cli =
          java(
              work,
              out,
              List.of(),
              "-jar",
              CLI.toString(),
              "run",
              "tutorial.md",
              "--server",
              "http://127.0.0.1:" + port + "/smile",
              "--json");
      assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not finish");
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(work.resolve("run.out.err"), StandardCharsets.UTF_8);
      assertEquals(1, cli.exitValue(), stdout + stderr);
      JsonObject summary = Json.createReader(new StringReader(stdout.strip())).readObject();
      assertEquals("completed", summary.getString("status"));
      assertEquals(1, summary.getInt("exitCode"));
      assertTrue(summary.getInt("gaps") >= 1, stdout);
      assertTrue(stderr.contains("-- Iteration 2 --"), "progress goes to stderr: " + stderr);

      for (String wrong : List.of("http://127.0.0.1:" + port + "/", "127.0.0.1:" + port)) {
        Path err = work.resolve("wrong.out");
        Process bad =
            java(
                work,
                err,
                List.of(),
                "-jar",
                CLI.toString(),
                "run",
                "tutorial.md",
                "--server",
                wrong);
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        String said = Files.readString(work.resolve("wrong.out.err")).strip();
        assertEquals(4, bad.exitValue(), wrong + ": " + said);
        assertEquals(1, said.lines().count(), wrong + ": " + said);
        assertFalse(said.contains("Exception"), said);
      }
    } finally {
      server.destroy();
      server.waitFor(20, TimeUnit.SECONDS);
      server.destroyForcibly();
    }
  }

  @Test
  void aRunLeavesAPlainLogAndNoLockFileOrEmptyFolder() throws Exception {
    Sandbox.assumeAvailable();
    writeTutorial();
    Path workRoot = work.resolve("sandboxes");
    Path out = work.resolve("run.out");
    Process cli =
        java(
            work,
            out,
            List.of("NO_COLOR=1", "JAVA_TOOL_OPTIONS=-Dsmile.workRoot=" + workRoot),
            "-jar",
            CLI.toString(),
            "run",
            "tutorial.md",
            "--no-daemon", // one server for this run, stopped after it (DaemonIT covers the daemon)
            "--server-jar",
            SERVER.toString(),
            "--json");
    assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not finish");
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(1, cli.exitValue(), stdout + Files.readString(work.resolve("run.out.err")));
    String log = Files.readString(work.resolve(".smile/server.log"), StandardCharsets.UTF_8);
    assertFalse(log.contains("\u001b["), "ANSI colour codes in the server log");
    try (Stream<Path> files = Files.walk(work)) {
      List<Path> locks = files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
      assertEquals(List.of(), locks);
    }
    if (Files.isDirectory(workRoot)) {
      try (Stream<Path> left = Files.list(workRoot)) {
        assertEquals(List.of(), left.toList(), "loop folders left in " + workRoot);
      }
    }
  }

  @Test
  void withoutTheSandboxTheCliSaysWhatReadinessReports() throws Exception {
    writeTutorial();
    Path out = work.resolve("run.out");
    Process cli =
        java(
            work,
            out,
            List.of("PATH=" + work.resolve("no-tools")),
            "-jar",
            CLI.toString(),
            "run",
            "tutorial.md",
            "--no-daemon", // one server for this run, stopped after it (DaemonIT covers the daemon)
            "--server-jar",
            SERVER.toString());
    assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not finish");
    String said = Files.readString(out) + Files.readString(work.resolve("run.out.err"));
    assertEquals(4, cli.exitValue(), said);
    assertTrue(
        said.contains("the server reports not ready: sandbox: Bubblewrap ('bwrap') was not found"),
        said);
  }

  private static void awaitUp(URI status, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      var answer =
          http.sendAsync(
              HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding());
      try {
        if (answer.get(3, TimeUnit.SECONDS).statusCode() == 200) {
          return;
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        answer.cancel(true);
      }
      Thread.sleep(300);
    }
    throw new AssertionError(
        "the server did not start:\n"
            + Files.readString(log)
            + Files.readString(log.resolveSibling(log.getFileName() + ".err")));
  }
}
