package dev.smileloop.sandbox.control;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds executables on a {@code PATH}, the way a shell would. Injectable so that tests can simulate
 * a machine without a tool and so that the learner asks what the sandbox, not the server, can run.
 */
public final class ExecutableLookup {

  /** The {@code PATH} commands see inside a sandbox: the system folders, nothing user-specific. */
  public static final String SANDBOX_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final String path;
  private final List<Path> folders;
  private final Map<String, Optional<Path>> cache = new ConcurrentHashMap<>();

  public ExecutableLookup(String path) {
    this.path = path == null ? "" : path;
    this.folders =
        Arrays.stream(this.path.split(File.pathSeparator))
            .filter(folder -> !folder.isBlank())
            .map(Path::of)
            .toList();
  }

  /** The server's own {@code PATH}: where to look for tools the server starts (bwrap). */
  public static ExecutableLookup system() {
    return new ExecutableLookup(System.getenv("PATH"));
  }

  /** What commands inside a sandbox can find. */
  public static ExecutableLookup sandbox() {
    return new ExecutableLookup(SANDBOX_PATH);
  }

  public String path() {
    return path;
  }

  /** The executable file {@code name} resolves to, if any; names with a slash are not looked up. */
  public Optional<Path> find(String name) {
    if (name == null || name.isEmpty() || name.contains("/")) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(name, this::search);
  }

  public boolean has(String name) {
    return find(name).isPresent();
  }

  private Optional<Path> search(String name) {
    for (Path folder : folders) {
      Path candidate = folder.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
