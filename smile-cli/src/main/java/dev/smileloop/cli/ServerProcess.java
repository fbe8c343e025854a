package dev.smileloop.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A SMILE server (the Payara Micro uber-jar) started for one run and stopped after it. Its output
 * goes to a log file so the terminal shows only the run's progress. It listens on 127.0.0.1 only,
 * takes the API token this command made (through {@code SMILE_API_TOKEN}, never the command line)
 * and may read and write only the given folders (the tutorial's and the report folder).
 */
final class ServerProcess implements AutoCloseable {

  /**
   * C1-only JIT and the serial collector start Payara Micro markedly faster on small machines. The
   * heap starts at 64 MB and may grow to 256 MB with the JVM's default room to spare (tighter heaps
   * meant a full collection of 100-300 ms every few seconds under /ws load); after a full
   * collection it shrinks in one step (the serial collector otherwise gives back nothing on the
   * first one and only part on the next), so the server that {@code MemoryTrim} collects once work
   * is over returns near its size after start (BENCHMARKS.md: 1,000 /ws clients come and go).
   */
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-Xms64m",
          "-Xmx256m",
          "-XX:-ShrinkHeapInSteps");

  /**
   * Payara Micro's own logging set-up with ANSI colours off: the server's output goes to a log
   * file, never to a terminal, so colour codes would only clutter it (and NO_COLOR asks for none
   * anyway).
   */
  private static final String PLAIN_LOGGING =
      String.join(
          "\n",
          "handlers=java.util.logging.ConsoleHandler",
          "java.util.logging.ConsoleHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter",
          "com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=false",
          "java.util.logging.ConsoleHandler.level=FINE",
          ".level=INFO",
          "PayaraMicro.level=INFO",
          "org.hibernate.validator.internal.util.Version.level=WARNING",
          "javax.enterprise.system.tools.deployment.dol.level=WARNING",
          "javax.enterprise.system.tools.deployment.common.level=WARNING",
          "fish.payara.nucleus.util.level=WARNING",
          "org.glassfish.admin.mbeanserver.level=WARNING",
          "com.hazelcast.level=WARNING",
          "");

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final Process process;
  private final URI baseUri;
  private final Path log;
  private final Path logging;

  private ServerProcess(Process process, URI baseUri, Path log, Path logging) {
    this.process = process;
    this.baseUri = baseUri;
    this.log = log;
    this.logging = logging;
  }

  /**
   * The server's command line: loopback only, the folders REST callers may name, and each {@code
   * key=value} setting as a system property.
   */
  static List<String> command(
      Path jar, int port, Path workDir, List<Path> allowedRoots, List<String> settings) {
    return command(jar, port, workDir, allowedRoots, settings, List.of());
  }

  /** The same with more JVM flags after the usual ones (the class archive's). */
  private static List<String> command(
      Path jar,
      int port,
      Path workDir,
      List<Path> allowedRoots,
      List<String> settings,
      List<String> moreJvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(JVM_FLAGS);
    command.addAll(moreJvmFlags);
    command.add("-Dsmile.workDir=" + workDir);
    command.add("-Dsmile.host=127.0.0.1");
    command.add(
        "-Dsmile.allowedRoots="
            + String.join(
                java.io.File.pathSeparator, allowedRoots.stream().map(Path::toString).toList()));
    settings.forEach(setting -> command.add("-D" + setting));
    command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--nocluster"));
    return command;
  }

  static ServerProcess start(
      Path jar,
      int port,
      Path workDir,
      Path log,
      String token,
      List<Path> allowedRoots,
      List<String> settings)
      throws IOException {
    return start(jar, port, workDir, log, token, allowedRoots, settings, false);
  }

  /**
   * With {@code daemon} the server outlives this command: it runs in a session of its own ({@code
   * setsid}, so a Ctrl-C in the terminal does not reach it), reads nothing from this terminal, and
   * keeps its logging set-up beside its log.
   */
  static ServerProcess start(
      Path jar,
      int port,
      Path workDir,
      Path log,
      String token,
      List<Path> allowedRoots,
      List<String> settings,
      boolean daemon)
      throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "the SMILE server jar "
              + jar
              + " does not exist; build it with: mvn -DskipTests package");
    }
    int chosen = port > 0 ? port : freePort();
    Files.createDirectories(log.getParent());
    ClassArchive archive = ClassArchive.forJar(jar, System.getenv());
    List<String> command =
        command(
            jar,
            chosen,
            workDir,
            allowedRoots,
            settings,
            archive == null ? List.of() : archive.jvmFlags(JAVA, JVM_FLAGS));
    Path logging =
        daemon
            ? log.resolveSibling("server-logging.properties")
            : Files.createTempFile("smile-server-logging", ".properties");
    Files.writeString(logging, PLAIN_LOGGING);
    command.addAll(List.of("--logproperties", logging.toString()));
    Path setsid = Path.of("/usr/bin/setsid");
    if (daemon && Files.isExecutable(setsid)) {
      command.add(0, setsid.toString()); // it executes java in place: the pid stays the server's
    }
    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      if (daemon) {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      builder.environment().put("SMILE_API_TOKEN", token);
      // glibc gives each thread that allocates its own malloc arena (64 MB reserved, several
      // touched); a server that once ran 100 threads keeps them resident. Two arenas suffice.
      builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
      process = builder.start();
    } catch (IOException e) {
      Files.deleteIfExists(logging);
      throw e;
    }
    return new ServerProcess(process, URI.create("http://127.0.0.1:" + chosen), log, logging);
  }

  URI baseUri() {
    return baseUri;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /**
   * Waits until {@code GET /api/status} answers, the process dies, or the time is up. Answers what
   * the server's readiness check reports DOWN once it serves (empty when all is UP); a start that
   * fails says what readiness reported by then.
   */
  java.util.Optional<String> awaitReady(HttpClient http, Duration limit)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    HttpRequest probe =
        HttpRequest.newBuilder(baseUri.resolve("/api/status"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "the SMILE server exited with code "
                + process.exitValue()
                + " during start-up; see "
                + log);
      }
      if (Instant.now().isAfter(deadline.minusSeconds(3))) {
        java.util.Optional<String> down = readinessProblem(http);
        if (down.isPresent()) {
          throw new IOException(
              "the SMILE server did not get ready: " + down.get() + "; see " + log);
        }
      }
      // Bounded by our own clock too: during Payara's start-up a request can stay unanswered.
      var answer = http.sendAsync(probe, HttpResponse.BodyHandlers.discarding());
      try {
        if (answer.get(3, TimeUnit.SECONDS).statusCode() == 200) {
          return readinessProblem(http);
        }
      } catch (ExecutionException | TimeoutException notYet) {
        answer.cancel(true); // not listening or not deployed yet: Payara takes some seconds
      }
      Thread.sleep(200);
    }
    throw new IOException(
        "the SMILE server did not answer within " + limit.toSeconds() + " s; see " + log);
  }

  /** The DOWN checks of {@code /health/ready} with their reasons, if it answers DOWN. */
  java.util.Optional<String> readinessProblem(HttpClient http) throws InterruptedException {
    HttpRequest probe =
        HttpRequest.newBuilder(baseUri.resolve("/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        return java.util.Optional.empty();
      }
      var checks =
          jakarta.json.Json.createReader(new java.io.StringReader(answer.body()))
              .readObject()
              .getJsonArray("checks");
      List<String> down = new ArrayList<>();
      for (var value : checks) {
        var check = value.asJsonObject();
        if (!"UP".equals(check.getString("status", ""))) {
          var data = check.getJsonObject("data");
          String reason = data == null ? "DOWN" : data.getString("reason", "DOWN");
          down.add(check.getString("name", "?") + ": " + reason);
        }
      }
      return down.isEmpty()
          ? java.util.Optional.of("readiness DOWN (HTTP " + answer.statusCode() + ")")
          : java.util.Optional.of(String.join("; ", down));
    } catch (IOException | RuntimeException unanswered) {
      return java.util.Optional.empty(); // no readiness endpoint, or not up yet
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the server gracefully (it closes WebSocket clients with 1001), then forcibly. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(logging);
    } catch (IOException e) {
      logging.toFile().deleteOnExit();
    }
  }
}
