package dev.smileloop.learner.bench;

import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.learner.student.BuiltinStudent;
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much slower the built-in learner runs a tutorial than a plain bash script with the same
 * commands. Not a test: run it by hand from the repository root with
 *
 * <pre>
 * mvn -o -q -pl smile-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.smileloop.learner.bench.LearnerOverheadBenchmark [-Dexec.args="ROUNDS"]
 * </pre>
 *
 * <p>Two generated tutorials: (a) 50 quick, typical commands (folders, files, text tools) and (b)
 * three {@code sleep 2}. Each round runs, in alternating order, the plain script ({@code bash
 * script.sh} in a fresh folder, output to a file), the learner (a whole {@link BuiltinStudent}
 * attempt in the bubblewrap sandbox), and the learner's fixed cost: an attempt on a tutorial
 * without commands (parse, workspace, sandbox and shell start, clean-up) plus, separately, just
 * opening and closing a sandboxed shell. Medians over the rounds, after two warm-up rounds. The
 * "net" ratio is (learner - fixed cost) / plain: the per-command overhead of the protocol.
 */
public final class LearnerOverheadBenchmark {

  private static final int QUICK_COMMANDS = 50;

  private LearnerOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path root = Files.createTempDirectory("smile-bench");
    try {
      SmileConfig config = config(root);
      Sandbox sandbox = Sandbox.forConfig(config);
      BuiltinStudent student = new BuiltinStudent(root.resolve("work"), sandbox, Clock.systemUTC());
      Workload quick =
          new Workload("(a) " + QUICK_COMMANDS + " quick commands", quickCommands(), rounds);
      Workload slow =
          new Workload(
              "(b) 3 x sleep 2", List.of("sleep 2", "sleep 2", "sleep 2"), Math.max(3, rounds / 2));
      Fixed fixed = new Fixed();
      for (Workload workload : List.of(quick, slow)) {
        for (int round = -2; round < workload.rounds; round++) {
          boolean measured = round >= 0;
          boolean plainFirst = Math.floorMod(round, 2) == 0;
          if (plainFirst) {
            workload.plain(root, measured);
          }
          workload.learner(student, config, root, measured);
          if (!plainFirst) {
            workload.plain(root, measured);
          }
          fixed.measure(student, sandbox, config, root, measured);
        }
      }
      print(List.of(quick, slow), fixed, sandbox);
    } finally {
      Workspaces.deleteTree(root);
    }
  }

  /** Typical tutorial commands, cycled with a counter so that every line differs. */
  static List<String> quickCommands() {
    String[] templates = {
      "mkdir -p project/dir%d",
      "cd project/dir%d",
      "echo 'line %d' > notes.txt",
      "printf 'a\\nb\\nc\\n' >> notes.txt",
      "cat notes.txt",
      "wc -l notes.txt",
      "grep -c line notes.txt",
      "cp notes.txt copy%d.txt",
      "ls",
      "cd ../..",
    };
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < QUICK_COMMANDS; i++) {
      commands.add(
          String.format(Locale.ROOT, templates[i % templates.length], i / templates.length));
    }
    return commands;
  }

  private static SmileConfig config(Path root) {
    SmileConfig defaults = SmileConfig.defaults(root);
    return new SmileConfig(
        root,
        defaults.tutorial(),
        LlmProvider.BUILTIN,
        1,
        600,
        defaults.containerImage(),
        new StudentBehavior(3, true, true, true, true, 60, Patience.LOW),
        ContainerSettings.defaults(),
        defaults.stateFile(),
        defaults.outputDir());
  }

  private static Tutorial tutorial(String name, List<String> commands) {
    StringBuilder markdown = new StringBuilder("# ").append(name).append("\n");
    for (int i = 0; i < commands.size(); i += 10) {
      markdown.append("\n## Step ").append(i / 10 + 1).append("\n\n```bash\n");
      commands
          .subList(i, Math.min(i + 10, commands.size()))
          .forEach(c -> markdown.append(c).append('\n'));
      markdown.append("```\n");
    }
    return new Tutorial(name, null, null, markdown.toString());
  }

  private static final class Workload {
    final String name;
    final List<String> commands;
    final int rounds;
    final List<Double> plainMillis = new ArrayList<>();
    final List<Double> learnerMillis = new ArrayList<>();
    private int runs;

    Workload(String name, List<String> commands, int rounds) {
      this.name = name;
      this.commands = commands;
      this.rounds = rounds;
    }

    void plain(Path root, boolean measured) throws IOException, InterruptedException {
      Path folder = Files.createDirectories(root.resolve("plain-" + (++runs)));
      Path script =
          Files.writeString(
              root.resolve("script-" + runs + ".sh"), String.join("\n", commands) + "\n");
      ProcessBuilder bash =
          new ProcessBuilder("bash", "--noprofile", "--norc", script.toString())
              .directory(folder.toFile());
      bash.redirectErrorStream(true)
          .redirectOutput(root.resolve("plain-" + runs + ".log").toFile());
      long start = System.nanoTime();
      int exit = bash.start().waitFor();
      double millis = (System.nanoTime() - start) / 1e6;
      if (exit != 0) {
        throw new IllegalStateException("plain script failed with exit " + exit);
      }
      if (measured) {
        plainMillis.add(millis);
      }
    }

    void learner(BuiltinStudent student, SmileConfig config, Path root, boolean measured)
        throws Exception {
      Tutorial tutorial = tutorial(name, commands);
      long start = System.nanoTime();
      StudentOutput output =
          student.attempt(new StudentTask("bench", ++runs, tutorial, config, List.of(), r -> {}));
      double millis = (System.nanoTime() - start) / 1e6;
      if (output.status() != StudentStatus.COMPLETED
          || output.commands().size() != commands.size()) {
        throw new IllegalStateException("the learner did not complete: " + output);
      }
      if (measured) {
        learnerMillis.add(millis);
      }
    }
  }

  private static final class Fixed {
    final List<Double> attemptMillis = new ArrayList<>();
    final List<Double> shellMillis = new ArrayList<>();
    private int runs;

    void measure(
        BuiltinStudent student, Sandbox sandbox, SmileConfig config, Path root, boolean measured)
        throws Exception {
      Tutorial empty = new Tutorial("empty", null, null, "# Nothing to run\n\nJust text.\n");
      long start = System.nanoTime();
      student.attempt(new StudentTask("fixed", ++runs, empty, config, List.of(), r -> {}));
      double attempt = (System.nanoTime() - start) / 1e6;
      var workspace = Workspaces.prepare(root.resolve("shell"), "fixed", runs, null);
      start = System.nanoTime();
      try (ShellSession shell = ShellSession.open(sandbox, workspace)) {
        shell.directory();
      }
      double shell = (System.nanoTime() - start) / 1e6;
      if (measured) {
        attemptMillis.add(attempt);
        shellMillis.add(shell);
      }
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static void print(List<Workload> workloads, Fixed fixed, Sandbox sandbox) {
    double fixedAttempt = median(fixed.attemptMillis);
    System.out.printf(
        Locale.ROOT,
        "Sandbox: %s; %d CPUs; Java %s; medians in ms%n%n",
        sandbox.description(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.println(
        "| workload | rounds | plain bash | learner | learner - fixed | ratio learner/plain | net ratio (learner - fixed)/plain | per-command overhead |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Workload w : workloads) {
      double plain = median(w.plainMillis);
      double learner = median(w.learnerMillis);
      double net = learner - fixedAttempt;
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.1f | %.1f | %.1f | %.2fx | %.2fx | %.3f ms |%n",
          w.name,
          w.plainMillis.size(),
          plain,
          learner,
          net,
          learner / plain,
          net / plain,
          (net - plain) / w.commands.size());
    }
    System.out.printf(
        Locale.ROOT,
        "%nFixed cost per attempt: %.1f ms (parse, workspace, sandbox and shell start, clean-up);"
            + " sandboxed shell start and stop alone: %.1f ms.%n",
        fixedAttempt,
        median(fixed.shellMillis));
    System.out.println("Raw samples (ms):");
    for (Workload w : workloads) {
      System.out.println("  " + w.name + " plain   " + format(w.plainMillis));
      System.out.println("  " + w.name + " learner " + format(w.learnerMillis));
    }
    System.out.println("  fixed attempt " + format(fixed.attemptMillis));
    System.out.println("  shell start   " + format(fixed.shellMillis));
  }

  private static String format(List<Double> values) {
    return Arrays.toString(
        values.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toArray());
  }
}
