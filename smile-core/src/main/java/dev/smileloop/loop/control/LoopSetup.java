package dev.smileloop.loop.control;

import dev.smileloop.access.PathGuard;
import dev.smileloop.config.control.ConfigLoader;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.control.TutorialLoader;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a typed {@link StartRequest} ({@code POST /api/loop}) into a {@link LoopRequest}: loads the
 * tutorial and the configuration it names. Relative paths resolve against the server's working
 * directory; without either tutorial field the configuration's {@code tutorial} is used.
 *
 * <p>Every path a request names (the tutorial, the configuration, and the configuration's state
 * file and report folder, wherever they were set) must lie inside the {@link PathGuard}'s roots.
 * Without an {@code outputDir} the reports go to a folder of their own, {@code .smile/reports/<id>}
 * under the served folder, so loops started over REST never overwrite each other's reports.
 */
public final class LoopSetup {

  private LoopSetup() {}

  public static LoopRequest of(StartRequest start, Path workDir, PathGuard guard) {
    Optional<String> content = Optional.ofNullable(start.tutorialContent());
    Optional<String> tutorialPath = Optional.ofNullable(start.tutorialPath());
    if (content.isPresent() && tutorialPath.isPresent()) {
      throw SmileException.invalid("give either tutorialContent or tutorialPath, not both");
    }
    SmileConfig config = withOwnReportFolder(config(start, workDir, guard), workDir, guard);
    Tutorial tutorial;
    if (content.isPresent()) {
      tutorial = TutorialLoader.fromContent(content.get(), "inline tutorial");
    } else {
      Path path =
          tutorialPath
              .map(p -> workDir.resolve(p).toAbsolutePath().normalize())
              .orElse(config.tutorialPath());
      tutorial = TutorialLoader.load(guard.check("tutorialPath", path));
    }
    return new LoopRequest(tutorial, config);
  }

  /**
   * The request's configuration: {@code configPath}'s file (or defaults) with {@code config} over
   * it; its state file must lie inside the guard's roots.
   */
  public static SmileConfig config(StartRequest start, Path workDir, PathGuard guard) {
    SmileConfig base =
        Optional.ofNullable(start.configPath())
            .map(
                p ->
                    configFile(
                        guard.check("configPath", workDir.resolve(p).toAbsolutePath().normalize())))
            .orElseGet(() -> SmileConfig.defaults(workDir.toAbsolutePath().normalize()));
    SmileConfig config =
        Optional.ofNullable(start.config()).map(o -> ConfigLoader.fromJson(o, base)).orElse(base);
    guard.check("stateFile", config.stateFilePath());
    return config;
  }

  /** The default report folder {@code "."} becomes a folder of this loop's own. */
  private static SmileConfig withOwnReportFolder(
      SmileConfig config, Path workDir, PathGuard guard) {
    SmileConfig result = config;
    if (".".equals(config.outputDir())) {
      Path own = workDir.resolve(".smile/reports").resolve(UUID.randomUUID().toString());
      result =
          ConfigLoader.fromJson(
              dev.smileloop.json.Jsonp.createObjectBuilder()
                  .add("outputDir", own.toString())
                  .build(),
              config);
    }
    guard.check("outputDir", result.outputDirPath());
    return result;
  }

  private static SmileConfig configFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new SmileException(
          SmileException.Kind.NOT_FOUND, "configuration file not found: " + path);
    }
    return ConfigLoader.load(path);
  }
}
