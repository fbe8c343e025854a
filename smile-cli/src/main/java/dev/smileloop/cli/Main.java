package dev.smileloop.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code smile run}: validates a tutorial from a terminal or CI. It starts a SMILE server (or uses
 * one given with {@code --server}), follows the loop live on {@code /ws}, prints a summary and
 * where the reports went, and exits with a code CI can act on.
 */
public final class Main {

  static final int COMPLETED = 0;
  static final int GAPS_FOUND = 1;
  static final int NOT_COMPLETABLE = 2;
  static final int TIMED_OUT = 3;
  static final int FAILED = 4;
  static final int STOPPED = 5;
  static final int USAGE = 64;

  private final PrintStream out;
  private final PrintStream err;

  /** Where the loop this command started runs, while it runs; for Ctrl-C. */
  private volatile URI runningLoopOn;

  private volatile ServerProcess startedServer;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(
        new Main(System.out, System.err).run(Arrays.asList(args), Path.of("").toAbsolutePath()));
  }

  int run(List<String> args, Path cwd) {
    if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
      out.print(Options.USAGE);
      return args.isEmpty() ? USAGE : COMPLETED;
    }
    String command = args.get(0);
    try {
      Options options = Options.parse(args.subList(1, args.size()), cwd);
      return switch (command) {
        case "run" -> validate(options, cwd);
        case "serve" -> serve(options);
        case "watch" -> watch(options);
        default ->
            throw new Options.UsageException(
                "unknown command " + command + " (run, serve or watch)");
      };
    } catch (Options.UsageException e) {
      err.println("smile: " + e.getMessage());
      err.print(Options.USAGE);
      return USAGE;
    } catch (IOException e) {
      err.println("smile: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("smile: interrupted");
      return STOPPED;
    }
  }

  /**
   * Prints every event of a running server's {@code /ws} stream, one JSON line each, until it
   * closes.
   */
  private int watch(Options options) throws InterruptedException {
    URI base = URI.create(options.serverUrl().orElse("http://127.0.0.1:3000"));
    try (EventStream events = EventStream.connect(http, base)) {
      while (events.closedBecause() == null) {
        JsonObject envelope = events.next(Duration.ofSeconds(1));
        if (envelope != null) {
          out.println(envelope);
          out.flush();
        }
      }
      err.println("smile: the server closed the stream (" + events.closedBecause() + ")");
      return COMPLETED;
    }
  }

  private int serve(Options options) throws IOException, InterruptedException {
    Path jar =
        options
            .serverJar()
            .orElseThrow(() -> new Options.UsageException("serve needs --server-jar"));
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "--port",
            String.valueOf(options.port() > 0 ? options.port() : 3000),
            "--nocluster");
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  private int validate(Options options, Path cwd) throws IOException, InterruptedException {
    // Say what is missing before spending seconds on starting a server.
    List<TutorialFinder.Target> folder =
        options.folderRun() ? TutorialFinder.find(options.targets(), cwd) : List.of();
    if (options.tutorial() != null && !Files.isRegularFile(options.tutorial())) {
      err.println("smile: Tutorial not found: " + options.tutorial());
      return FAILED;
    }
    if (options.config().isPresent() && !Files.isRegularFile(options.config().get())) {
      err.println("smile: configuration file not found: " + options.config().get());
      return FAILED;
    }
    Path outputDir = outputDir(options, cwd);
    out.printf(
        "SMILE: validating %s%n",
        options.folderRun()
            ? folder.size() + " tutorials"
            : options.tutorial() != null ? options.tutorial() : options.config().get());
    if (options.provider().isEmpty() && options.config().isEmpty() && !options.folderRun()) {
      out.println("No smile.json and no --provider: using the built-in learner and mentor.");
    }
    ServerProcess server = null;
    Thread onInterrupt = new Thread(this::interrupted, "smile-interrupt");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      URI base;
      if (options.serverUrl().isPresent()) {
        base = URI.create(options.serverUrl().get());
      } else {
        Path jar =
            options
                .serverJar()
                .orElseThrow(
                    () -> new Options.UsageException("give --server URL or --server-jar FILE"));
        long started = System.nanoTime();
        server =
            ServerProcess.start(jar, options.port(), cwd, outputDir.resolve(".smile/server.log"));
        startedServer = server;
        out.printf(
            "Starting the SMILE server on %s (log: %s) ...%n", server.baseUri(), server.log());
        server.awaitReady(http, Duration.ofSeconds(180));
        out.printf(
            "Server ready in %.1f s; REST and /ws stay available while the loop runs.%n",
            (System.nanoTime() - started) / 1e9);
        base = server.baseUri();
      }
      return options.folderRun()
          ? new FolderRun(http, out).run(base, options, cwd, outputDir)
          : follow(base, options, outputDir);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C already started the hook; it stops the loop and the server.
      }
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * Ctrl-C (or SIGTERM) while a loop runs: stop the loop this command started, so a shared server
   * is free again, and stop the server this command started instead of leaving it behind.
   */
  private void interrupted() {
    URI base = runningLoopOn;
    if (base != null) {
      try {
        post(base.resolve("/api/stop"), "{\"reason\": \"the smile command was interrupted\"}");
      } catch (IOException | InterruptedException e) {
        err.println("smile: could not stop the loop: " + e.getMessage());
      }
    }
    ServerProcess server = startedServer;
    if (server != null) {
      server.close();
    }
  }

  /** Reports go to --output, else to the config's outputDir, else to the current folder. */
  private static Path outputDir(Options options, Path cwd) throws IOException {
    if (options.outputDir().isPresent()) {
      return options.outputDir().get();
    }
    if (options.config().isPresent() && Files.isRegularFile(options.config().get())) {
      try (var reader =
          Json.createReader(new StringReader(Files.readString(options.config().get())))) {
        JsonValue value = reader.readObject().get("outputDir");
        if (value instanceof jakarta.json.JsonString dir) {
          return options.config().get().getParent().resolve(dir.getString()).normalize();
        }
      } catch (RuntimeException unreadable) {
        // The server validates the file and reports exactly what is wrong with it.
      }
      return options.config().get().getParent();
    }
    return cwd;
  }

  private int follow(URI base, Options options, Path outputDir)
      throws IOException, InterruptedException {
    try (EventStream events = EventStream.connect(http, base)) {
      HttpResponse<String> started = post(base.resolve("/api/loop"), startBody(options, outputDir));
      if (started.statusCode() != 202) {
        err.println(
            "smile: the server refused the loop ("
                + started.statusCode()
                + "): "
                + errorOf(started.body()));
        return FAILED;
      }
      runningLoopOn = base;
      JsonObject state = parse(started.body());
      String loopId = state.getString("loopId", "");
      out.printf(
          "Loop %s started (max %d iterations).%n", loopId, state.getInt("maxIterations", 0));
      ProgressPrinter printer = new ProgressPrinter(out, options.verbose());
      JsonObject complete = awaitCompletion(base, events, printer);
      runningLoopOn = null;
      String status = complete.getString("status", "error");
      int gaps = countGaps(base);
      out.printf("Gaps found: %d%n", gaps);
      printReports(base);
      return exitCode(status, gaps);
    }
  }

  private JsonObject awaitCompletion(URI base, EventStream events, ProgressPrinter printer)
      throws IOException, InterruptedException {
    while (true) {
      JsonObject envelope = events.next(Duration.ofSeconds(2));
      if (envelope != null) {
        printer.print(envelope);
        if ("loop_complete".equals(envelope.getString("event", ""))) {
          return envelope.getJsonObject("payload");
        }
        continue;
      }
      // No event for a while: make sure the loop did not end while the stream was down.
      JsonObject state =
          parse(
              http.send(get(base.resolve("/api/status")), HttpResponse.BodyHandlers.ofString())
                  .body());
      // The loop is over once its reports are written; loop_complete was sent by then, so if it
      // has not arrived (the stream dropped, or lost it) the state says all the same.
      if (isTerminal(state.getString("status", "")) && state.containsKey("reports")) {
        JsonObject late = events.next(Duration.ofSeconds(2));
        if (late == null) {
          return Json.createObjectBuilder()
              .add("status", state.getString("status"))
              .add("iterations", state.getInt("iteration", 0))
              .add("summary", state.getString("reason", ""))
              .build();
        }
        printer.print(late);
        if ("loop_complete".equals(late.getString("event", ""))) {
          return late.getJsonObject("payload");
        }
      }
    }
  }

  /** Where the server wrote the reports (it says so in the final state once they exist). */
  private void printReports(URI base) throws IOException, InterruptedException {
    JsonObject state =
        parse(
            http.send(get(base.resolve("/api/status")), HttpResponse.BodyHandlers.ofString())
                .body());
    String where = state.getString("reports", "");
    if (where.equals("stdout")) {
      out.println(
          "Reports: the files could not be written; the Markdown report was printed by the server.");
      return;
    }
    for (String file :
        List.of(
            "smile-report.md",
            "smile-report.json",
            "smile-audit.log",
            "smile-report.junit.xml",
            "smile-report.sarif")) {
      Path path = Path.of(where.isEmpty() ? "." : where).resolve(file);
      out.println("  report: " + path + (Files.isRegularFile(path) ? "" : " (on the server)"));
    }
  }

  private int countGaps(URI base) throws IOException, InterruptedException {
    HttpResponse<String> report =
        http.send(get(base.resolve("/api/report/json")), HttpResponse.BodyHandlers.ofString());
    if (report.statusCode() != 200) {
      return 0;
    }
    JsonValue gaps = parse(report.body()).get("gaps");
    return gaps instanceof jakarta.json.JsonArray array ? array.size() : 0;
  }

  static int exitCode(String status, int gaps) {
    return switch (status) {
      case "completed" -> gaps == 0 ? COMPLETED : GAPS_FOUND;
      case "blocker", "max_iterations" -> NOT_COMPLETABLE;
      case "timeout" -> TIMED_OUT;
      case "stopped" -> STOPPED;
      default -> FAILED;
    };
  }

  private static boolean isTerminal(String status) {
    return List.of("completed", "max_iterations", "blocker", "timeout", "error", "stopped")
        .contains(status);
  }

  static String startBody(Options options, Path outputDir) {
    JsonObjectBuilder body = Json.createObjectBuilder();
    Optional.ofNullable(options.tutorial()).ifPresent(t -> body.add("tutorialPath", t.toString()));
    options.config().ifPresent(c -> body.add("configPath", c.toString()));
    JsonObjectBuilder config = Json.createObjectBuilder().add("outputDir", outputDir.toString());
    // Out of the box (no smile.json, no --provider) the built-in learner runs: no LLM needed.
    options
        .provider()
        .or(() -> options.config().isEmpty() ? Optional.of("builtin") : Optional.empty())
        .ifPresent(p -> config.add("llmProvider", p));
    if (options.config().isEmpty()) {
      config.add("stateFile", outputDir.resolve(".smile/state.json").toString());
    }
    return body.add("config", config).build().toString();
  }

  private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
  }

  private static JsonObject parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  private static String errorOf(String body) {
    try {
      return parse(body).getString("error", body);
    } catch (RuntimeException notJson) {
      return body;
    }
  }
}
