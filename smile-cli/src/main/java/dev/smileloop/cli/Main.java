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
  static final int ENVIRONMENT_PREVENTED = 6;
  static final int NOTHING_TO_VALIDATE = 7;
  static final int AGENT_ERROR = 8;
  static final int USAGE = 64;

  private final PrintStream out;
  private final PrintStream err;

  /** Where {@code --json} writes its summary: standard output; progress then goes to stderr. */
  private final PrintStream data;

  /** Where the loop this command started runs, while it runs; for Ctrl-C. */
  private volatile ServerUrls runningLoopOn;

  private volatile ServerProcess startedServer;

  /** The API token sent on every request and on the /ws handshake; null when none is known. */
  private volatile String token;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  Main(PrintStream out, PrintStream err) {
    this(out, err, out);
  }

  Main(PrintStream out, PrintStream err, PrintStream data) {
    this.out = out;
    this.err = err;
    this.data = data;
  }

  public static void main(String[] args) {
    List<String> list = Arrays.asList(args);
    Main main =
        list.contains("--json")
            ? new Main(System.err, System.err, System.out)
            : new Main(System.out, System.err);
    System.exit(main.run(list, Path.of("").toAbsolutePath()));
  }

  /** The version this jar was built as (its manifest), or "development" from the classes. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  int run(List<String> args, Path cwd) {
    if (args.contains("--version") || args.contains("-V")) {
      out.println("smile " + version());
      return COMPLETED;
    }
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
        case "watch" -> watch(options, cwd);
        case "stop" -> Daemon.stop(cwd, out);
        default ->
            throw new Options.UsageException(
                "unknown command " + command + " (run, serve, watch or stop)");
      };
    } catch (Options.UsageException e) {
      err.println("smile: " + e.getMessage());
      err.print(Options.USAGE);
      return USAGE;
    } catch (ServerUrls.Unreachable e) {
      err.println("smile: " + e.getMessage());
      return FAILED;
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      err.println("smile: cannot connect to the SMILE server (" + describe(e) + ")");
      return FAILED;
    } catch (IOException e) {
      err.println("smile: " + describe(e));
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
  private int watch(Options options, Path cwd) throws InterruptedException {
    ServerUrls base = ServerUrls.of(options.serverUrl().orElse("http://127.0.0.1:3000"));
    token = ServerToken.find(options, cwd).orElse(null);
    try (EventStream events = EventStream.connect(http, base, token)) {
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
    int port = options.port() > 0 ? options.port() : 3000;
    out.printf("The dashboard will be at http://127.0.0.1:%d/ once the server is up.%n", port);
    out.flush();
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dsmile.host=" + options.host().orElse("127.0.0.1"));
    options.settings().forEach(setting -> command.add("-D" + setting));
    command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--nocluster"));
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
      ServerUrls base;
      if (options.serverUrl().isPresent()) {
        base = ServerUrls.of(options.serverUrl().get());
        token = ServerToken.find(options, cwd).orElse(null);
      } else if (!options.noDaemon()) {
        Path jar =
            options
                .serverJar()
                .orElseThrow(
                    () -> new Options.UsageException("give --server URL or --server-jar FILE"));
        long started = System.nanoTime();
        Daemon.Lease lease = Daemon.acquire(http, cwd, jar, wanted(options, outputDir, jar), out);
        token = lease.token();
        out.printf(
            "Server %s in %.1f s (%s; log: %s).%n",
            lease.reused() ? "reused" : "ready",
            (System.nanoTime() - started) / 1e9,
            lease.reused() ? "the SMILE daemon of this folder" : "started as this folder's daemon",
            lease.log());
        base = ServerUrls.of(lease.baseUri().toString());
      } else {
        Path jar =
            options
                .serverJar()
                .orElseThrow(
                    () -> new Options.UsageException("give --server URL or --server-jar FILE"));
        long started = System.nanoTime();
        token = options.token().orElseGet(ServerToken::forOwnServer);
        server =
            ServerProcess.start(
                jar,
                options.port(),
                cwd,
                outputDir.resolve(".smile/server.log"),
                token,
                ServerToken.rootsFor(options, outputDir),
                options.settings());
        startedServer = server;
        out.printf(
            "Starting the SMILE server on %s (log: %s) ...%n", server.baseUri(), server.log());
        server
            .awaitReady(http, Duration.ofSeconds(180))
            .ifPresent(down -> out.println("Warning: the server reports not ready: " + down));
        out.printf(
            "Server ready in %.1f s; REST and /ws stay available while the loop runs.%n",
            (System.nanoTime() - started) / 1e9);
        base = ServerUrls.of(server.baseUri().toString());
      }
      return options.folderRun()
          ? new FolderRun(http, out, token).run(base, options, cwd, outputDir)
          : follow(base, options, outputDir, cwd);
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

  /** What this run needs of a reused daemon (see {@link Daemon#whyNotReuse}). */
  private static Daemon.Wanted wanted(Options options, Path outputDir, Path jar)
      throws IOException {
    String env = System.getenv("SMILE_API_TOKEN");
    return new Daemon.Wanted(
        Daemon.buildId(jar),
        options.port(),
        ServerToken.rootsFor(options, outputDir).stream().distinct().toList(),
        options.settings(),
        Daemon.environmentHash(System.getenv()),
        env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip()));
  }

  /**
   * Ctrl-C (or SIGTERM) while a loop runs: stop the loop this command started, so a shared server
   * is free again, and stop the server this command started instead of leaving it behind.
   */
  private void interrupted() {
    ServerUrls base = runningLoopOn;
    if (base != null) {
      try {
        post(base.api("stop"), "{\"reason\": \"the smile command was interrupted\"}");
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

  private int follow(ServerUrls base, Options options, Path outputDir, Path cwd)
      throws IOException, InterruptedException {
    try (EventStream events = EventStream.connect(http, base, token)) {
      HttpResponse<String> started = post(base.api("loop"), startBody(options, outputDir));
      if (started.statusCode() != 202) {
        err.println(
            "smile: the server refused the loop ("
                + started.statusCode()
                + "): "
                + errorOf(started.body(), base));
        return FAILED;
      }
      runningLoopOn = base;
      JsonObject state = parse(started.body());
      String loopId = state.getString("loopId", "");
      out.printf(
          "Loop %s started (max %d iterations).%n", loopId, state.getInt("maxIterations", 0));
      if (options.open() || options.mentor().filter("human"::equals).isPresent()) {
        out.println(
            "Dashboard (one-time link, keeps the token for that tab): "
                + dashboardLink(base, cwd, token));
      }
      ProgressPrinter printer = new ProgressPrinter(out, options.verbose());
      JsonObject complete = awaitCompletion(base, events, printer);
      runningLoopOn = null;
      String status = complete.getString("status", "error");
      ReportFacts facts = reportFacts(base);
      out.printf("Gaps found: %d%n", facts.gaps());
      if (facts.environmentFindings() > 0) {
        out.printf(
            "Environment findings (this machine, not the tutorial): %d%s%n",
            facts.environmentFindings(),
            facts.environmentPrevented() ? " - they prevented validation" : "");
      }
      String reports = printReports(base);
      int code = exitCode(status, facts.gaps(), facts.environmentPrevented());
      if (options.json()) {
        data.println(
            Json.createObjectBuilder()
                .add("loopId", loopId)
                .add("status", status)
                .add("iterations", complete.getInt("iterations", 0))
                .add("summary", complete.getString("summary", ""))
                .add("gaps", facts.gaps())
                .add("environmentFindings", facts.environmentFindings())
                .add("reports", reports)
                .add("exitCode", code)
                .build());
        data.flush();
      }
      return code;
    }
  }

  private JsonObject awaitCompletion(ServerUrls base, EventStream events, ProgressPrinter printer)
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
          parse(http.send(get(base.api("status")), HttpResponse.BodyHandlers.ofString()).body());
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
  private String printReports(ServerUrls base) throws IOException, InterruptedException {
    JsonObject state =
        parse(http.send(get(base.api("status")), HttpResponse.BodyHandlers.ofString()).body());
    String where = state.getString("reports", "");
    if (where.equals("stdout")) {
      out.println(
          "Reports: the files could not be written; the Markdown report was printed by the server.");
      return where;
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
    return where;
  }

  /** What the exit code needs from the JSON report. */
  record ReportFacts(int gaps, int environmentFindings, boolean environmentPrevented) {}

  private ReportFacts reportFacts(ServerUrls base) throws IOException, InterruptedException {
    HttpResponse<String> report =
        http.send(get(base.api("report/json")), HttpResponse.BodyHandlers.ofString());
    if (report.statusCode() != 200) {
      return new ReportFacts(0, 0, false);
    }
    return reportFacts(parse(report.body()));
  }

  static ReportFacts reportFacts(JsonObject report) {
    JsonValue gaps = report.get("gaps");
    JsonValue findings = report.get("environmentFindings");
    JsonObject summary =
        report.get("summary") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    return new ReportFacts(
        gaps instanceof jakarta.json.JsonArray array ? array.size() : 0,
        findings instanceof jakarta.json.JsonArray array ? array.size() : 0,
        summary.getBoolean("environmentPreventedValidation", false));
  }

  /**
   * The exit code: {@value #ENVIRONMENT_PREVENTED} when the run could not finish and only
   * environment findings (this machine, not the tutorial) kept steps from being validated.
   */
  static int exitCode(String status, int gaps, boolean environmentPrevented) {
    boolean unfinished = status.equals("blocker") || status.equals("max_iterations");
    if (environmentPrevented && (unfinished || status.equals("completed") && gaps == 0)) {
      return ENVIRONMENT_PREVENTED;
    }
    return exitCode(status, gaps);
  }

  static int exitCode(String status, int gaps) {
    return switch (status) {
      case "completed" -> gaps == 0 ? COMPLETED : GAPS_FOUND;
      case "blocker", "max_iterations" -> NOT_COMPLETABLE;
      case "timeout" -> TIMED_OUT;
      case "stopped" -> STOPPED;
      case "nothing_to_validate" -> NOTHING_TO_VALIDATE;
      case "agent_error" -> AGENT_ERROR;
      default -> FAILED;
    };
  }

  private static boolean isTerminal(String status) {
    return List.of(
            "completed",
            "max_iterations",
            "blocker",
            "timeout",
            "error",
            "stopped",
            "nothing_to_validate",
            "agent_error")
        .contains(status);
  }

  /**
   * The dashboard's address with the API token in its fragment, which never reaches a server log:
   * the token is {@code SMILE_API_TOKEN}, else the one the server wrote to {@code .smile/token} in
   * its working folder (this command's, for a server it started).
   */
  static String dashboardLink(ServerUrls base, Path cwd) {
    return dashboardLink(base, cwd, null);
  }

  /** With {@code known}, the token this command uses (a daemon's), when there is one. */
  static String dashboardLink(ServerUrls base, Path cwd, String known) {
    String token = known != null ? known : System.getenv("SMILE_API_TOKEN");
    Path file = cwd.resolve(".smile/token");
    if ((token == null || token.isBlank()) && Files.isReadable(file)) {
      try {
        token = Files.readString(file).trim();
      } catch (IOException e) {
        token = null;
      }
    }
    String root = base.toString();
    return token == null || token.isBlank() ? root : root + "#token=" + token;
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
    options.mentor().ifPresent(m -> config.add("mentor", m));
    if (options.config().isEmpty()) {
      config.add("stateFile", outputDir.resolve(".smile/state.json").toString());
    }
    return body.add("config", config).build().toString();
  }

  private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
    return http.send(
        authorized(HttpRequest.newBuilder(uri))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest get(URI uri) {
    return authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10)).build();
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    String current = token;
    return current == null ? request : request.header("Authorization", "Bearer " + current);
  }

  private static JsonObject parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  /** The error's text; a body that is not ours (an HTML page) is named, not printed. */
  private static String errorOf(String body, ServerUrls base) {
    try {
      JsonObject error = parse(body);
      return error.getString("detail", error.getString("error", body));
    } catch (RuntimeException notJson) {
      return "the answer is not from a SMILE server; is "
          + base
          + " the right URL (with its context root)?";
    }
  }

  /** One line for a failed connection or protocol step, without a stack trace. */
  static String describe(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    String kind =
        cause instanceof java.net.ConnectException
            ? "connection refused"
            : cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }
}
