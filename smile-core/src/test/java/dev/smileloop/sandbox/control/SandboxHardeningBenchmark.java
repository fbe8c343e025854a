package dev.smileloop.sandbox.control;

import dev.smileloop.config.entity.SandboxLimits;
import dev.smileloop.sandbox.entity.SandboxPaths;
import dev.smileloop.sandbox.entity.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hardening costs: the same session (shell start, 60 quick fork-heavy commands, stop) in
 * the hardened sandbox with its limits (cgroup where this machine has it, and rlimits only), in the
 * sandbox as it was before the hardening (root inside, no limits), and in a plain host shell.
 * Variants alternate within each round; medians. Run with {@code exec:java
 * -Dexec.mainClass=dev.smileloop.sandbox.control.SandboxHardeningBenchmark -Dexec.args=ROUNDS}.
 */
public final class SandboxHardeningBenchmark {

  private static final int COMMANDS = 60;

  private SandboxHardeningBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    Path bwrap = ExecutableLookup.system().find("bwrap").orElseThrow();
    Map<String, Sandbox> variants = new LinkedHashMap<>();
    variants.put(
        "hardened, " + ResourceControl.detect().mechanism(),
        new BubblewrapSandbox(bwrap, false, SandboxLimits.defaults(), ResourceControl.detect()));
    variants.put(
        "hardened, RLIMITS",
        new BubblewrapSandbox(
            bwrap, false, SandboxLimits.defaults(), ResourceControl.rlimitsOnly()));
    variants.put("before hardening", beforeHardening(bwrap));
    variants.put("host shell", new HostSandbox());
    Map<String, List<Long>> perCommand = new LinkedHashMap<>();
    Map<String, List<Long>> startStop = new LinkedHashMap<>();
    Path root = Files.createTempDirectory("smile-hardening-bench");
    for (int round = 0; round < rounds; round++) {
      List<String> order = new ArrayList<>(variants.keySet());
      if (round % 2 == 1) {
        Collections.reverse(order);
      }
      for (String name : order) {
        Workspace workspace = Workspaces.prepare(root, "bench", round, null);
        long opened = System.nanoTime();
        ShellSession shell = ShellSession.open(variants.get(name), workspace);
        long ready = System.nanoTime();
        for (int i = 0; i < COMMANDS; i++) {
          shell.run(
              "mkdir -p d" + i + " && echo x > d" + i + "/f && cat d" + i + "/f | wc -l",
              Duration.ofSeconds(10));
        }
        long ran = System.nanoTime();
        shell.close();
        long closed = System.nanoTime();
        perCommand.computeIfAbsent(name, k -> new ArrayList<>()).add((ran - ready) / COMMANDS);
        startStop
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add((ready - opened) + (closed - ran));
      }
    }
    Workspaces.deleteTree(root);
    System.out.println("| variant | per command (median) | shell start + stop (median) |");
    System.out.println("|---|---:|---:|");
    for (String name : variants.keySet()) {
      System.out.printf(
          "| %s | %.2f ms | %.1f ms |%n",
          name, median(perCommand.get(name)) / 1e6, median(startStop.get(name)) / 1e6);
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** The sandbox's command line before the hardening: uid 0 inside, no limits. */
  private static Sandbox beforeHardening(Path bwrap) {
    return new Sandbox() {
      @Override
      public String description() {
        return "bubblewrap before the hardening";
      }

      @Override
      public boolean isolated() {
        return true;
      }

      @Override
      public SandboxPaths paths(Workspace workspace) {
        return new SandboxPaths("/tmp/smile/work", "/tmp/smile/logs", null);
      }

      @Override
      public ProcessBuilder shell(Workspace workspace) {
        ProcessBuilder builder =
            new ProcessBuilder(
                bwrap.toString(),
                "--ro-bind",
                "/",
                "/",
                "--tmpfs",
                "/tmp",
                "--dir",
                "/tmp/smile",
                "--bind",
                workspace.work().toString(),
                "/tmp/smile/work",
                "--bind",
                workspace.logs().toString(),
                "/tmp/smile/logs",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--unshare-all",
                "--die-with-parent",
                "--new-session",
                "--chdir",
                "/tmp/smile/work",
                "bash",
                "--noprofile",
                "--norc");
        CleanEnvironment.apply(builder, "/tmp/smile/work");
        return builder;
      }
    };
  }
}
