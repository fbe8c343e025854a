package dev.smileloop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The local SMILE server {@code smile run} leaves running and reuses, like Gradle's daemon: one per
 * folder, described by {@code .smile/daemon.json}. A run reuses it when its process is alive, runs
 * the same uber-jar, was started with the same settings and environment, may reach the run's
 * folders and answers with its token; otherwise it is stopped and a new one started. The server
 * stops itself after {@code smile.idleShutdownSeconds} without a loop; {@code smile stop} stops it
 * at once.
 */
final class Daemon {

  /** How long the daemon waits without a loop before it stops itself, unless --set says else. */
  static final int IDLE_SECONDS = 600;

  private Daemon() {}

  /** A server ready for this run, and whether it was already running. */
  record Lease(URI baseUri, String token, boolean reused, Path log) {}

  /** What this run needs of a server; compared with what the running one was started with. */
  record Wanted(
      String buildId,
      int port,
      List<Path> allowedRoots,
      List<String> settings,
      String environment,
      Optional<String> token) {}

  /**
   * Why the running daemon cannot serve this run, or empty when it can. {@code runningToken} is the
   * token in its token file.
   */
  static Optional<String> whyNotReuse(DaemonFile running, Wanted wanted, String runningToken) {
    if (!running.buildId().equals(wanted.buildId())) {
      return Optional.of("the server jar was rebuilt");
    }
    if (wanted.port() > 0 && wanted.port() != running.port()) {
      return Optional.of("it listens on port " + running.port() + ", not " + wanted.port());
    }
    if (!sorted(running.settings()).equals(sorted(wanted.settings()))) {
      return Optional.of("it was started with other --set settings");
    }
    if (!running.environment().equals(wanted.environment())) {
      return Optional.of("the environment variables the server reads have changed");
    }
    if (wanted.token().isPresent() && !wanted.token().get().equals(runningToken)) {
      return Optional.of("SMILE_API_TOKEN differs from its token");
    }
    for (Path root : wanted.allowedRoots()) {
      Path normal = root.toAbsolutePath().normalize();
      if (running.allowedRoots().stream()
          .noneMatch(r -> normal.startsWith(r.toAbsolutePath().normalize()))) {
        return Optional.of("it may not reach " + normal);
      }
    }
    return Optional.empty();
  }

  /** The idle time the daemon gets: the last {@code smile.idleShutdownSeconds} setting. */
  static long idleSeconds(List<String> settings) {
    long seconds = IDLE_SECONDS;
    for (String setting : settings) {
      if (setting.startsWith("smile.idleShutdownSeconds=")) {
        try {
          seconds = Long.parseLong(setting.substring(setting.indexOf('=') + 1).strip());
        } catch (NumberFormatException ignored) {
          // The server reads the same value; a non-number leaves it at its default (off).
        }
      }
    }
    return seconds;
  }

  /** The uber-jar's identity: its size and modification time (a rebuild changes both). */
  static String buildId(Path jar) throws IOException {
    return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
  }

  /**
   * A hash of the environment variables the server reads (SMILE_*, model and API keys, PATH, HOME),
   * so a daemon never runs with another run's keys; SMILE_API_TOKEN is compared on its own.
   */
  static String environmentHash(Map<String, String> environment) {
    TreeMap<String, String> read = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          boolean relevant =
              name.startsWith("SMILE_")
                  || name.endsWith("_API_KEY")
                  || name.endsWith("_BASE_URL")
                  || name.equals("PATH")
                  || name.equals("HOME");
          if (relevant && !name.equals("SMILE_API_TOKEN")) {
            read.put(name, value);
          }
        });
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(read.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The running daemon of {@code folder} if it can serve this run, else a new one. */
  static Lease acquire(HttpClient http, Path folder, Path jar, Wanted wanted, PrintStream out)
      throws IOException, InterruptedException {
    Path file = DaemonFile.in(folder);
    Optional<DaemonFile> found = DaemonFile.read(file);
    if (found.isPresent()) {
      DaemonFile running = found.get();
      if (!isOurProcess(running)) {
        remove(running, file);
      } else {
        String token = readToken(running.tokenFile()).orElse("");
        Optional<String> why = whyNotReuse(running, wanted, token);
        URI base = URI.create("http://127.0.0.1:" + running.port());
        if (why.isEmpty() && answers(http, base, token)) {
          return new Lease(base, token, true, running.log());
        }
        out.printf(
            "Restarting the SMILE daemon: %s.%n", why.orElse("it does not answer with its token"));
        stop(running);
        remove(running, file);
      }
    }
    return start(http, folder, jar, wanted, out);
  }

  private static Lease start(HttpClient http, Path folder, Path jar, Wanted wanted, PrintStream out)
      throws IOException, InterruptedException {
    String token = wanted.token().orElseGet(ServerToken::forOwnServer);
    Path tokenFile = folder.resolve(".smile/daemon.token");
    Files.createDirectories(tokenFile.getParent());
    Files.deleteIfExists(tokenFile);
    try {
      Files.createFile(
          tokenFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException noPosix) {
      Files.createFile(tokenFile);
    }
    Files.writeString(tokenFile, token, StandardCharsets.US_ASCII);
    List<String> settings = new java.util.ArrayList<>();
    settings.add("smile.idleShutdownSeconds=" + IDLE_SECONDS); // a later --set overrides it
    settings.addAll(wanted.settings());
    Path log = folder.resolve(".smile/server.log");
    ServerProcess server =
        ServerProcess.start(
            jar, wanted.port(), folder, log, token, wanted.allowedRoots(), settings, true);
    out.printf(
        "Starting the SMILE daemon on %s (log: %s; it stops after %d s without a loop, or with"
            + " smile stop) ...%n",
        server.baseUri(), log, idleSeconds(settings));
    try {
      server
          .awaitReady(http, Duration.ofSeconds(180))
          .ifPresent(down -> out.println("Warning: the server reports not ready: " + down));
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      Files.deleteIfExists(tokenFile);
      throw e;
    }
    new DaemonFile(
            server.baseUri().getPort(),
            server.pid(),
            wanted.buildId(),
            jar,
            tokenFile,
            wanted.allowedRoots(),
            wanted.settings(),
            wanted.environment(),
            log)
        .write(DaemonFile.in(folder));
    return new Lease(server.baseUri(), token, false, log);
  }

  /**
   * {@code smile stop}: stops the daemon of {@code folder}, if one runs. A server stopped that way
   * leaves a running loop resumable, as any graceful stop does.
   */
  static int stop(Path folder, PrintStream out) throws IOException {
    Path file = DaemonFile.in(folder);
    Optional<DaemonFile> found = DaemonFile.read(file);
    if (found.isEmpty() || !isOurProcess(found.get())) {
      found.ifPresent(gone -> remove(gone, file));
      out.println("No SMILE daemon runs for " + folder + ".");
      return Main.COMPLETED;
    }
    stop(found.get());
    remove(found.get(), file);
    out.printf(
        "Stopped the SMILE daemon (pid %d, port %d).%n", found.get().pid(), found.get().port());
    return Main.COMPLETED;
  }

  /** Whether the file's pid is alive and is a Java process running that jar (not a reused pid). */
  static boolean isOurProcess(DaemonFile daemon) {
    return ProcessHandle.of(daemon.pid())
        .filter(ProcessHandle::isAlive)
        .flatMap(p -> p.info().arguments())
        .map(args -> List.of(args).contains(daemon.jar().toString()))
        .orElse(false);
  }

  /** Ready, and the token is this server's: only then does the status carry the history. */
  static boolean answers(HttpClient http, URI base, String token) throws InterruptedException {
    try {
      HttpResponse<Void> ready =
          http.send(
              HttpRequest.newBuilder(base.resolve("/health/ready"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (ready.statusCode() != 200) {
        return false;
      }
      HttpResponse<String> status =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/status"))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (status.statusCode() != 200) {
        return false;
      }
      try (var reader = jakarta.json.Json.createReader(new StringReader(status.body()))) {
        return reader.readObject().containsKey("history");
      }
    } catch (IOException | RuntimeException unanswered) {
      return false;
    }
  }

  private static void stop(DaemonFile daemon) {
    ProcessHandle.of(daemon.pid())
        .ifPresent(
            process -> {
              process.destroy(); // SIGTERM: Payara stops gracefully
              try {
                process.onExit().get(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
              } catch (java.util.concurrent.ExecutionException
                  | java.util.concurrent.TimeoutException stillRunning) {
                process.destroyForcibly();
              }
            });
  }

  private static void remove(DaemonFile daemon, Path file) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(daemon.tokenFile());
    } catch (IOException e) {
      // A stale file is judged again (and ignored) on the next run.
    }
  }

  private static Optional<String> readToken(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }
}
