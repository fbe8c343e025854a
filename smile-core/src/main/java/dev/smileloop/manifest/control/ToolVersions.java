package dev.smileloop.manifest.control;

import dev.smileloop.sandbox.control.ExecutableLookup;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The version of each tool this machine offers the sandbox: the first line {@code tool --version}
 * prints, found on the PATH the sandbox sees, run once per tool and loop (cached), with no input, a
 * bare environment and a time bound. Tools that change the system or wait for a person are never
 * run; shell builtins and missing tools are named as such.
 */
public final class ToolVersions implements Function<String, String> {

  static final String NOT_FOUND = "not found here";
  static final String BUILTIN = "shell builtin";
  static final String NOT_PROBED = "present (version not probed)";
  private static final int LINE_LIMIT = 100;

  /** Programs that act (reboot, delete, log in) rather than print a version, whatever they get. */
  private static final Set<String> NEVER_RUN =
      Set.of(
          "reboot",
          "shutdown",
          "halt",
          "poweroff",
          "init",
          "telinit",
          "systemctl",
          "service",
          "kill",
          "killall",
          "pkill",
          "rm",
          "dd",
          "mkfs",
          "fdisk",
          "sudo",
          "su",
          "doas",
          "login",
          "passwd",
          "shred",
          "wipefs",
          "parted",
          "mount",
          "umount",
          "swapoff",
          "swapon",
          "crontab",
          "at",
          "ssh",
          "scp",
          "sftp",
          "nc",
          "telnet",
          "ftp",
          "vi",
          "vim",
          "nvim",
          "nano",
          "emacs",
          "less",
          "more",
          "top",
          "htop",
          "watch",
          "tmux",
          "screen",
          "xdg-open",
          "open",
          "sleep",
          "yes",
          "cat",
          "tee",
          "read",
          "chroot",
          "nsenter",
          "unshare",
          "bwrap");

  private final ExecutableLookup lookup;
  private final Duration limit;
  private final Map<String, String> cache = new HashMap<>();
  private String loop;

  /** Versions from the sandbox's PATH, two seconds per tool at most. */
  public ToolVersions() {
    this(ExecutableLookup.sandbox(), Duration.ofSeconds(2));
  }

  public ToolVersions(ExecutableLookup lookup, Duration limit) {
    this.lookup = lookup;
    this.limit = limit;
  }

  /** Starts a new cache when the loop changes: versions are probed once per loop. */
  public synchronized ToolVersions forLoop(String loopId) {
    if (loopId == null || !loopId.equals(loop)) {
      cache.clear();
      loop = loopId;
    }
    return this;
  }

  @Override
  public synchronized String apply(String tool) {
    return cache.computeIfAbsent(tool, this::probe);
  }

  private String probe(String tool) {
    List<String> words = List.of(tool.split("\\s+"));
    String program = words.get(0);
    if (Baseline.builtin(program) && words.size() == 1) {
      return BUILTIN;
    }
    Optional<Path> path = lookup.find(program);
    if (path.isEmpty()) {
      return NOT_FOUND;
    }
    if (NEVER_RUN.contains(program)) {
      return NOT_PROBED;
    }
    boolean module = words.size() == 3 && words.get(1).equals("-m");
    if (words.size() > 1 && !(module && words.get(2).equals("pip"))) {
      return NOT_PROBED;
    }
    List<String> command =
        module
            ? List.of(path.get().toString(), "-m", "pip", "--version")
            : List.of(path.get().toString(), "--version");
    return run(command).orElse(NOT_PROBED);
  }

  private Optional<String> run(List<String> command) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // A bare environment: the probe needs the PATH, never the server's secrets.
    builder.environment().clear();
    builder.environment().put("PATH", lookup.path());
    builder.environment().put("LANG", "C");
    builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      // Only what is already there: a child that keeps the pipe open must not block the report.
      InputStream out = process.getInputStream();
      byte[] bytes = out.readNBytes(Math.min(out.available(), 4096));
      return new String(bytes, StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .findFirst()
          .map(line -> line.length() > LINE_LIMIT ? line.substring(0, LINE_LIMIT) + " ..." : line);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }
}
