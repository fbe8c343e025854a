package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it: the CLI jar as a real subprocess, which starts the Payara Micro
 * uber-jar, validates a tutorial, prints progress and exits with its documented code; and the
 * uber-jar alone, which says goodbye to WebSocket clients (and {@code smile watch}) with 1001 when
 * it is stopped.
 */
class CliIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path CLI = ROOT.resolve("smile-cli/target/smile-cli.jar");
  private static final Path SERVER = ROOT.resolve("smile-api/target/smile-microbundle.jar");

  @TempDir Path work;

  private static Process java(Path dir, Path log, String... args) throws IOException {
    return java(dir, log, true, args);
  }

  /** Without {@code withToken} the process gets no SMILE_API_TOKEN, as on a user's machine. */
  private static Process java(Path dir, Path log, boolean withToken, String... args)
      throws IOException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    if (!withToken) {
      builder.environment().remove("SMILE_API_TOKEN");
    }
    return builder.start();
  }

  @Test
  void runValidatesATutorialPrintsProgressAndExitsWithGapsFound() throws Exception {
    Sandbox.assumeAvailable();
    Path tutorial = work.resolve("tutorial.md");
    Files.writeString(tutorial, Bodies.GREETER);
    Files.writeString(
        work.resolve("smile.json"), "{\"llmProvider\": \"builtin\", \"maxIterations\": 3}");
    Path log = work.resolve("cli.log");

    Process cli =
        java(
            work,
            log,
            false, // as after a clean clone: the CLI makes and hands over the token itself
            "-jar",
            CLI.toString(),
            "run",
            "tutorial.md",
            "--no-daemon", // one server for this run, stopped after it (DaemonIT covers the daemon)
            "--server-jar",
            SERVER.toString());
    assertTrue(cli.waitFor(180, TimeUnit.SECONDS), "the CLI did not finish");
    String out = Files.readString(log, StandardCharsets.UTF_8);

    assertEquals(1, cli.exitValue(), "completed with gaps found:\n" + out);
    assertTrue(out.contains("-- Iteration 1 --") && out.contains("-- Iteration 2 --"), out);
    assertTrue(out.contains("FAIL line 14"), out);
    assertTrue(out.contains("Loop ended: completed after 2 iteration(s)"), out);
    for (String file :
        List.of(
            "smile-report.md",
            "smile-report.json",
            "smile-audit.log",
            "smile-report.junit.xml",
            "smile-report.sarif")) {
      assertTrue(Files.isRegularFile(work.resolve(file)), file + " missing:\n" + out);
    }
    assertTrue(Files.readString(work.resolve("smile-report.md")).contains("chmod +x ./hello.sh"));
  }

  @Test
  void aMissingTutorialFailsFastWithoutStartingAServer() throws Exception {
    Path log = work.resolve("cli.log");
    Process cli =
        java(
            work, log, "-jar", CLI.toString(), "run", "nope.md", "--server-jar", SERVER.toString());
    assertTrue(cli.waitFor(30, TimeUnit.SECONDS));
    String out = Files.readString(log);
    assertEquals(4, cli.exitValue(), out);
    assertTrue(out.contains("Tutorial not found"), out);
    assertTrue(!out.contains("Starting the SMILE server"), out);
  }

  /** Starts the uber-jar on a free port and waits until it answers. */
  private Process startServer(Path log, int port, String... jvmOptions) throws Exception {
    return startServer(log, port, true, jvmOptions);
  }

  private Process startServer(Path log, int port, boolean withToken, String... jvmOptions)
      throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
    args.addAll(List.of(jvmOptions));
    args.addAll(List.of("-jar", SERVER.toString(), "--port", String.valueOf(port), "--nocluster"));
    Process server = java(work, log, withToken, args.toArray(String[]::new));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI status = URI.create("http://127.0.0.1:" + port + "/api/status");
    Instant deadline = Instant.now().plusSeconds(120);
    while (true) {
      // Bounded by our own clock: during Payara's start-up a request can stay unanswered.
      var answer =
          http.sendAsync(
              HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding());
      try {
        if (answer.get(3, TimeUnit.SECONDS).statusCode() == 200) {
          return server;
        }
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.TimeoutException notYet) {
        answer.cancel(true);
        assertTrue(
            Instant.now().isBefore(deadline), "server did not start:\n" + Files.readString(log));
        assertTrue(server.isAlive(), "server died:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void theUberJarListensOnLoopbackOnlyWithAnOwnerOnlyTokenAndTheLegacySwitch() throws Exception {
    int port = freePort();
    Process server =
        startServer(work.resolve("server.log"), port, false, "-Dsmile.auth.legacyCallbacks=true");
    try {
      java.net.InetAddress external = null;
      for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
        for (var address : java.util.Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && address instanceof java.net.Inet4Address) {
            external = address;
          }
        }
      }
      if (external != null) {
        try (java.net.Socket probe = new java.net.Socket()) {
          java.net.InetAddress target = external;
          assertThrows(
              IOException.class,
              () -> probe.connect(new java.net.InetSocketAddress(target, port), 2000),
              "the server must not answer on " + target);
        }
      }
      Path tokenFile = work.resolve(".smile/token");
      assertEquals(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
          Files.getPosixFilePermissions(tokenFile));
      String token = Files.readString(tokenFile).strip();
      assertTrue(token.matches("[A-Za-z0-9_-]{40,}"), token);
      String log = Files.readString(work.resolve("server.log"));
      assertEquals(1, log.split(java.util.regex.Pattern.quote(token), -1).length - 1, "shown once");

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI base = URI.create("http://127.0.0.1:" + port + "/");
      HttpResponse<String> started =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/loop"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Bodies.externalLoop(
                              jakarta.json.Json.createObjectBuilder()
                                  .add("stateFile", work.resolve("state.json").toString())
                                  .add("outputDir", work.toString())
                                  .build())))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(202, started.statusCode(), started.body());
      // The original wrappers send no token: accepted from loopback with the switch on.
      HttpResponse<String> legacy =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/student/result"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Bodies.completed()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, legacy.statusCode(), legacy.body());
      HttpResponse<String> stop =
          http.send(
              HttpRequest.newBuilder(base.resolve("api/stop"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, stop.statusCode(), "the switch opens the callbacks only");
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoopWhoseServerWasKilledResumesAfterItsLastCompletedIteration() throws Exception {
    int port = freePort();
    String stateFile = work.resolve("state/state.json").toString();
    SmileServer first = new SmileServer(new java.net.URL("http://127.0.0.1:" + port + "/"));
    Process server = startServer(work.resolve("first.log"), port);
    String loopId;
    try {
      String start =
          jakarta.json.Json.createObjectBuilder()
              .add("tutorialContent", Bodies.TUTORIAL)
              .add(
                  "config",
                  jakarta.json.Json.createObjectBuilder()
                      .add("llmProvider", "external")
                      .add("stateFile", stateFile)
                      .add("outputDir", work.toString())
                      .add("maxIterations", 5))
              .build()
              .toString();
      SmileServer.Reply started = first.post("api/loop", start);
      assertEquals(202, started.status(), started.body());
      loopId = started.json().getString("loopId");
      first.post("api/student/result", Bodies.askMentor("Where does greet.txt come from?"));
      first.post("api/mentor/result", Bodies.mentor("Run step 1 first."));
      first.awaitStatus(s -> s.equals("waiting_for_student"), Duration.ofSeconds(10));
      // The state is written in the background: wait until the mentor's answer is on disk.
      Instant written = Instant.now().plusSeconds(10);
      while (!(Files.exists(Path.of(stateFile))
              && Files.readString(Path.of(stateFile)).contains("Run step 1 first."))
          && Instant.now().isBefore(written)) {
        Thread.sleep(50);
      }
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // a crash: no shutdown at all
    }

    int port2 = freePort();
    SmileServer second = new SmileServer(new java.net.URL("http://127.0.0.1:" + port2 + "/"));
    Process again = startServer(work.resolve("second.log"), port2);
    try {
      String resume =
          jakarta.json.Json.createObjectBuilder()
              .add("resume", true)
              .add("config", jakarta.json.Json.createObjectBuilder().add("stateFile", stateFile))
              .build()
              .toString();
      SmileServer.Reply resumed = second.post("api/loop", resume);
      assertEquals(202, resumed.status(), resumed.body());
      assertEquals(loopId, resumed.json().getString("loopId"));
      assertEquals(
          1, resumed.json().getJsonArray("history").size(), "iteration 1 survived the crash");
      assertEquals(
          "Run step 1 first.",
          resumed.json().getJsonArray("mentorNotes").getJsonObject(0).getString("answer"));
      second.awaitStatus(s -> s.equals("waiting_for_student"), Duration.ofSeconds(10));
      assertEquals(200, second.post("api/student/result", Bodies.completed()).status());
      var done = second.awaitStatus(s -> s.equals("completed"), Duration.ofSeconds(10));
      assertEquals(2, done.getInt("iteration"));
      assertTrue(!Files.exists(Path.of(stateFile)), "a completed loop removes its state file");
    } finally {
      again.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void stoppingTheServerClosesWebSocketClientsWithGoingAway() throws Exception {
    int port = freePort();
    Process server = startServer(work.resolve("server.log"), port);
    try {
      SmileServer direct = new SmileServer(new java.net.URL("http://127.0.0.1:" + port + "/"));
      Path watchLog = work.resolve("watch.log");
      Process watch =
          java(
              work,
              watchLog,
              "-jar",
              CLI.toString(),
              "watch",
              "--server",
              "http://127.0.0.1:" + port);
      try (WsClient client = WsClient.connect(direct)) {
        client.awaitEvent("connected", Duration.ofSeconds(10));
        Instant watching = Instant.now().plusSeconds(20);
        while (!Files.readString(watchLog).contains("\"event\":\"connected\"")
            && Instant.now().isBefore(watching)) {
          Thread.sleep(100);
        }
        server.destroy(); // SIGTERM, as a service manager or Ctrl-C would
        assertEquals(1001, client.awaitClose(Duration.ofSeconds(30)));
      }
      assertTrue(watch.waitFor(30, TimeUnit.SECONDS), "smile watch did not end with the server");
      String watched = Files.readString(watchLog);
      assertTrue(watched.startsWith("{\"event\":\"connected\""), watched);
      assertTrue(watched.contains("closed the stream (1001"), watched);
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
