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
 * goes to a log file so the terminal shows only the run's progress.
 */
final class ServerProcess implements AutoCloseable {

  /**
   * C1-only JIT and the serial collector start Payara Micro markedly faster on small machines. A
   * 256 MB heap that gives memory back after a full collection keeps the server near 300 MB
   * resident (its live data is under 100 MB even with 1,000 /ws clients; see BENCHMARKS.md).
   */
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-Xmx256m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30");

  private final Process process;
  private final URI baseUri;
  private final Path log;

  private ServerProcess(Process process, URI baseUri, Path log) {
    this.process = process;
    this.baseUri = baseUri;
    this.log = log;
  }

  static ServerProcess start(Path jar, int port, Path workDir, Path log) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          "the SMILE server jar "
              + jar
              + " does not exist; build it with: mvn -DskipTests package");
    }
    int chosen = port > 0 ? port : freePort();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.add("-Dsmile.workDir=" + workDir);
    command.addAll(
        List.of("-jar", jar.toString(), "--port", String.valueOf(chosen), "--nocluster"));
    Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new ServerProcess(process, URI.create("http://127.0.0.1:" + chosen), log);
  }

  URI baseUri() {
    return baseUri;
  }

  Path log() {
    return log;
  }

  /** Waits until {@code GET /api/status} answers, the process dies, or the time is up. */
  void awaitReady(HttpClient http, Duration limit) throws IOException, InterruptedException {
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
      // Bounded by our own clock too: during Payara's start-up a request can stay unanswered.
      var answer = http.sendAsync(probe, HttpResponse.BodyHandlers.discarding());
      try {
        if (answer.get(3, TimeUnit.SECONDS).statusCode() == 200) {
          return;
        }
      } catch (ExecutionException | TimeoutException notYet) {
        answer.cancel(true); // not listening or not deployed yet: Payara takes some seconds
      }
      Thread.sleep(200);
    }
    throw new IOException(
        "the SMILE server did not answer within " + limit.toSeconds() + " s; see " + log);
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
  }
}
