package dev.smileloop.config.entity;

import java.nio.file.Path;

/**
 * A validated {@code smile.json}. Relative paths ({@code tutorial}, {@code stateFile}, {@code
 * outputDir}) are resolved against {@link #baseDir()}, the folder of the configuration file, or the
 * server's working directory when the configuration came without a file.
 */
public record SmileConfig(
    Path baseDir,
    String tutorial,
    LlmProvider llmProvider,
    int maxIterations,
    int timeout,
    String containerImage,
    StudentBehavior studentBehavior,
    ContainerSettings container,
    String stateFile,
    String outputDir,
    ModelSettings model) {

  public SmileConfig {
    model = model == null ? ModelSettings.unset() : model;
  }

  /** A configuration without {@code model} settings (the server's defaults apply). */
  public SmileConfig(
      Path baseDir,
      String tutorial,
      LlmProvider llmProvider,
      int maxIterations,
      int timeout,
      String containerImage,
      StudentBehavior studentBehavior,
      ContainerSettings container,
      String stateFile,
      String outputDir) {
    this(
        baseDir,
        tutorial,
        llmProvider,
        maxIterations,
        timeout,
        containerImage,
        studentBehavior,
        container,
        stateFile,
        outputDir,
        ModelSettings.unset());
  }

  public static SmileConfig defaults(Path baseDir) {
    return new SmileConfig(
        baseDir,
        "tutorial.md",
        LlmProvider.CLAUDE,
        10,
        1800,
        "smile-base:latest",
        StudentBehavior.defaults(),
        ContainerSettings.defaults(),
        ".smile/state.json",
        ".",
        ModelSettings.unset());
  }

  public Path tutorialPath() {
    return baseDir.resolve(tutorial).normalize();
  }

  public Path stateFilePath() {
    return baseDir.resolve(stateFile).normalize();
  }

  public Path outputDirPath() {
    return baseDir.resolve(outputDir).normalize();
  }
}
