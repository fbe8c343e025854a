package dev.smileloop.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code smile run docs/}: runs many tutorials concurrently on one server through {@code
 * /api/loops}, prints one line per tutorial whenever it changes (queued, running, its result),
 * writes each tutorial's reports beside it ({@code name.smile-report.md} and friends), and ends
 * with one verdict ({@link FolderVerdict}) and the worst exit code.
 */
final class FolderRun {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final Map<String, String> REPORTS =
      Map.of(
          "markdown", ".smile-report.md",
          "json", ".smile-report.json",
          "junit", ".smile-report.junit.xml",
          "sarif", ".smile-report.sarif",
          "audit", ".smile-audit.log");

  private final HttpClient http;
  private final PrintStream out;
  private final String token;

  /** {@code token} is the API token sent on every call (null sends none). */
  FolderRun(HttpClient http, PrintStream out, String token) {
    this.http = http;
    this.out = out;
    this.token = token;
  }

  int run(ServerUrls base, Options options, Path cwd, Path outputDir)
      throws IOException, InterruptedException {
    List<TutorialFinder.Target> targets = TutorialFinder.find(options.targets(), cwd);
    if (targets.isEmpty()) {
      out.println("SMILE: no tutorials (*.md) found in " + String.join(" ", options.targets()));
      return 7;
    }
    int jobs =
        options.jobs() > 0 ? options.jobs() : parse(get(base.api("loops"))).getInt("concurrency");
    out.printf("SMILE: %d tutorials, %d at a time%n", targets.size(), jobs);
    long started = System.nanoTime();
    Deque<TutorialFinder.Target> pending = new ArrayDeque<>(targets);
    Map<String, TutorialFinder.Target> active = new LinkedHashMap<>();
    Map<String, String> phases = new LinkedHashMap<>();
    List<FolderVerdict.Row> rows = new ArrayList<>();
    while (!pending.isEmpty() || !active.isEmpty()) {
      while (!pending.isEmpty() && active.size() < jobs) {
        TutorialFinder.Target target = pending.poll();
        HttpResponse<String> reply = post(base.api("loops"), body(target, options));
        if (reply.statusCode() != 202) {
          out.printf("  %-40s refused: %s%n", name(cwd, target), reply.body());
          rows.add(FolderVerdict.Row.failed(name(cwd, target), "refused by the server"));
          continue;
        }
        String id = parse(reply.body()).getString("id");
        active.put(id, target);
      }
      for (var it = active.entrySet().iterator(); it.hasNext(); ) {
        var loop = it.next();
        JsonObject entry = parse(get(base.api("loops/" + loop.getKey())));
        String phase = entry.getString("phase");
        String name = name(cwd, loop.getValue());
        if (!phase.equals(phases.put(loop.getKey(), phase))
            && !phase.equals("finished")
            && !phase.equals("stopped")) {
          out.printf("  %-40s %s%n", name, phase);
        }
        if (phase.equals("finished") || phase.equals("stopped")) {
          it.remove();
          FolderVerdict.Row row = finished(base, loop.getKey(), loop.getValue(), name, entry);
          rows.add(row);
          out.printf("  %-40s %s%n", name, row.line());
        }
      }
      if (!active.isEmpty()) {
        Thread.sleep(POLL.toMillis());
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new FolderVerdict(rows, millis).write(outputDir, out);
  }

  private FolderVerdict.Row finished(
      ServerUrls base, String id, TutorialFinder.Target target, String name, JsonObject entry)
      throws IOException, InterruptedException {
    if (entry.isNull("state") || !entry.containsKey("state")) {
      return FolderVerdict.Row.failed(name, entry.getString("error", entry.getString("phase")));
    }
    Path tutorial = target.tutorial();
    String stem = tutorial.getFileName().toString().replaceFirst("\\.md$", "");
    Map<String, String> contents = new LinkedHashMap<>();
    for (var format : REPORTS.entrySet()) {
      HttpResponse<String> report =
          http.send(
              request(base.api("loops/" + id + "/report/" + format.getKey())).build(),
              HttpResponse.BodyHandlers.ofString());
      if (report.statusCode() == 200) {
        contents.put(format.getKey(), report.body());
        Files.writeString(tutorial.resolveSibling(stem + format.getValue()), report.body());
      }
    }
    // The report the loop wrote carries the run history's marks; the rendered one may not.
    Path written = Path.of(entry.getString("folder")).resolve("smile-report.json");
    String json = Files.isRegularFile(written) ? Files.readString(written) : contents.get("json");
    if (json != null && Files.isRegularFile(written)) {
      Files.writeString(tutorial.resolveSibling(stem + ".smile-report.json"), json);
    }
    return FolderVerdict.Row.of(
        name, json == null ? null : parse(json), contents.get("junit"), contents.get("sarif"));
  }

  private static String body(TutorialFinder.Target target, Options options) {
    JsonObjectBuilder body =
        Json.createObjectBuilder().add("tutorialPath", target.tutorial().toString());
    Path config = options.config().orElse(target.config());
    if (config != null) {
      body.add("configPath", config.toString());
    }
    JsonObjectBuilder overrides = Json.createObjectBuilder();
    options
        .provider()
        .or(() -> config == null ? java.util.Optional.of("builtin") : java.util.Optional.empty())
        .ifPresent(p -> overrides.add("llmProvider", p));
    return body.add("config", overrides).build().toString();
  }

  private static String name(Path cwd, TutorialFinder.Target target) {
    Path tutorial = target.tutorial();
    return tutorial.startsWith(cwd) ? cwd.relativize(tutorial).toString() : tutorial.toString();
  }

  private String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> reply =
        http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (reply.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + reply.statusCode() + ": " + reply.body());
    }
    return reply.body();
  }

  private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
    return http.send(
        request(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
    return token == null || token.isBlank()
        ? request
        : request.header("Authorization", "Bearer " + token);
  }

  static JsonObject parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }
}
