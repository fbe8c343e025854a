package dev.smileloop.api.health;

import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the server works, from MicroProfile Config (system property, environment variable such as
 * {@code SMILE_WORKDIR}, or the WAR's {@code META-INF/microprofile-config.properties}): {@code
 * smile.workDir}, where relative request paths, state and reports go, and {@code smile.workRoot},
 * the sandbox workspaces. On a full application server the working directory is the domain's {@code
 * config} folder, so there the default work folder is {@code ~/smile} instead.
 */
public final class WorkFolders {

  static final String WORK_DIR = "smile.workDir";
  static final String WORK_ROOT = "smile.workRoot";

  private WorkFolders() {}

  /**
   * Publishes the configured folders as system properties, which the core reads, unless they are
   * set there already; answers the work folder in force.
   */
  static Path apply() {
    Config config = ConfigProvider.getConfig();
    if (System.getProperty(WORK_DIR) == null) {
      System.setProperty(
          WORK_DIR,
          config.getOptionalValue(WORK_DIR, String.class).orElseGet(WorkFolders::defaultWorkDir));
    }
    config
        .getOptionalValue(WORK_ROOT, String.class)
        .filter(root -> System.getProperty(WORK_ROOT) == null)
        .ifPresent(root -> System.setProperty(WORK_ROOT, root));
    return workDir();
  }

  static Path workDir() {
    return Path.of(System.getProperty(WORK_DIR, System.getProperty("user.dir")))
        .toAbsolutePath()
        .normalize();
  }

  static Path workRoot() {
    return Path.of(
            System.getProperty(WORK_ROOT, System.getProperty("java.io.tmpdir") + "/smile-loop"))
        .toAbsolutePath()
        .normalize();
  }

  /** The working directory, unless that is an application server domain's config folder. */
  private static String defaultWorkDir() {
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    Optional<Path> instanceRoot =
        Optional.ofNullable(System.getProperty("com.sun.aas.instanceRoot")).map(Path::of);
    boolean domainConfig =
        instanceRoot
            .map(root -> cwd.equals(root.toAbsolutePath().normalize().resolve("config")))
            .orElse(false);
    return domainConfig
        ? Path.of(System.getProperty("user.home"), "smile").toString()
        : cwd.toString();
  }
}
