package dev.smileloop.llm.control;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.sandbox.control.ProcessTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fake LLM command-line tools: small shell scripts in a folder that is the only user folder on the
 * PATH the agents get. A replying tool records each call (standard input, arguments, working
 * directory, whether that directory was empty) under {@code calls/<name>.<n>.*} and prints {@code
 * replies/<n>} (the n-th call over all tools), or {@code replies/default}.
 */
final class FakeCli {

  final Path bin;
  final Path calls;
  final Path replies;
  final Path workRoot;

  FakeCli(Path temp) throws IOException {
    this.bin = Files.createDirectories(temp.resolve("bin"));
    this.calls = Files.createDirectories(temp.resolve("calls"));
    this.replies = Files.createDirectories(temp.resolve("replies"));
    this.workRoot = temp.resolve("work");
  }

  /** A tool with the given shell body. */
  Path install(String name, String body) throws IOException {
    Path script = bin.resolve(name);
    Files.writeString(script, "#!/bin/sh\n" + body, UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** A tool that records its call and prints the reply for that call. */
  Path installReplying(String name) throws IOException {
    return installReplying(name, "");
  }

  /** As {@link #installReplying(String)}, running {@code before} (shell) in the workspace first. */
  Path installReplying(String name, String before) throws IOException {
    return install(
        name,
        before
            + """
        n=$(ls '%1$s' | grep -c '\\.stdin$')
        n=$((n + 1))
        cat > '%1$s/%2$s.'$n.stdin
        for a in "$@"; do printf '[%%s]\\n' "$a"; done > '%1$s/%2$s.'$n.argv
        pwd > '%1$s/%2$s.'$n.pwd
        ls -A | wc -l | tr -d ' ' > '%1$s/%2$s.'$n.entries
        if [ -f '%3$s/'$n ]; then cat '%3$s/'$n; else cat '%3$s/default'; fi
        """
                .formatted(calls, name, replies));
  }

  void reply(String text) throws IOException {
    Files.writeString(replies.resolve("default"), text, UTF_8);
  }

  void reply(int call, String text) throws IOException {
    Files.writeString(replies.resolve(Integer.toString(call)), text, UTF_8);
  }

  String stdin(String name, int call) throws IOException {
    return Files.readString(calls.resolve(name + "." + call + ".stdin"), UTF_8);
  }

  List<String> argv(String name, int call) throws IOException {
    List<String> argv = new ArrayList<>();
    for (String line : Files.readAllLines(calls.resolve(name + "." + call + ".argv"), UTF_8)) {
      argv.add(line.substring(1, line.length() - 1));
    }
    return argv;
  }

  Path pwd(String name, int call) throws IOException {
    return Path.of(Files.readString(calls.resolve(name + "." + call + ".pwd"), UTF_8).strip());
  }

  int entries(String name, int call) throws IOException {
    return Integer.parseInt(
        Files.readString(calls.resolve(name + "." + call + ".entries"), UTF_8).strip());
  }

  /** The user's environment with a PATH of the fake tools and the system folders only. */
  Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("PATH", bin + ":/usr/bin:/bin");
    return environment;
  }

  CliInvoker invoker(LlmProvider provider, LlmCallLog log) {
    return invoker(provider, log, name -> null);
  }

  CliInvoker invoker(LlmProvider provider, LlmCallLog log, Function<String, String> properties) {
    return new CliInvoker(
        provider, new CliCommands(properties), environment(), log, Clock.systemUTC());
  }

  static SmileConfig config(Path baseDir, LlmProvider provider, StudentBehavior behavior) {
    SmileConfig d = SmileConfig.defaults(baseDir);
    return new SmileConfig(
        baseDir,
        d.tutorial(),
        provider,
        d.maxIterations(),
        d.timeout(),
        d.containerImage(),
        behavior,
        new ContainerSettings(false, false, false, false),
        d.stateFile(),
        d.outputDir());
  }

  static StudentBehavior behavior(int timeoutSeconds) {
    return new StudentBehavior(3, true, true, true, true, timeoutSeconds, Patience.LOW);
  }

  /** Lists the pids a script wrote, one a line. */
  static List<Long> pids(Path file) throws IOException {
    return Files.readAllLines(file, UTF_8).stream()
        .filter(l -> !l.isBlank())
        .map(l -> Long.parseLong(l.strip()))
        .toList();
  }

  /** Whether any of the processes still runs (zombies do not count), after up to two seconds. */
  static List<Long> leftRunning(List<Long> pids) throws InterruptedException {
    List<Long> left = running(pids);
    for (int i = 0; i < 40 && !left.isEmpty(); i++) {
      Thread.sleep(50);
      left = running(pids);
    }
    return left;
  }

  private static List<Long> running(List<Long> pids) {
    return pids.stream()
        .filter(pid -> ProcessHandle.of(pid).map(ProcessTree::running).orElse(false))
        .toList();
  }

  /** Waits up to five seconds for a file with at least {@code lines} lines. */
  static void awaitLines(Path file, int lines) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (Files.exists(file)
          && Files.readAllLines(file, UTF_8).stream().filter(l -> !l.isBlank()).count() >= lines) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(file + " did not get " + lines + " lines");
  }
}
