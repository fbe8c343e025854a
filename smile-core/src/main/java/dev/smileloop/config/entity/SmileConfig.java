package dev.smileloop.config.entity;

import java.nio.file.Path;

/**
 * A validated {@code smile.json}. Relative paths ({@code tutorial}, {@code stateFile}, {@code
 * outputDir}) are resolved against {@link #baseDir()}, the folder of the configuration file, or the
 * server's working directory when the configuration came without a file. Change a configuration
 * with {@link #toBuilder()}, so that a new field is one edit here rather than one in every caller.
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
    MentorMode mentor,
    EnvironmentSettings environment,
    ModelSettings model) {

  public SmileConfig {
    mentor = mentor == null ? MentorMode.AGENT : mentor;
    environment = environment == null ? EnvironmentSettings.defaults() : environment;
    model = model == null ? ModelSettings.unset() : model;
  }

  /** The fields of the original {@code smile.json}; the later ones take their defaults. */
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
        null,
        null,
        null);
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
        ".");
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The same configuration with another mentor mode. */
  public SmileConfig withMentor(MentorMode newMentor) {
    return toBuilder().mentor(newMentor).build();
  }

  /** The same configuration with other environment settings. */
  public SmileConfig withEnvironment(EnvironmentSettings newEnvironment) {
    return toBuilder().environment(newEnvironment).build();
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

  /** A configuration to change: starts from one and sets what differs. */
  public static final class Builder {
    private Path baseDir;
    private String tutorial;
    private LlmProvider llmProvider;
    private int maxIterations;
    private int timeout;
    private String containerImage;
    private StudentBehavior studentBehavior;
    private ContainerSettings container;
    private String stateFile;
    private String outputDir;
    private MentorMode mentor;
    private EnvironmentSettings environment;
    private ModelSettings model;

    private Builder(SmileConfig c) {
      baseDir = c.baseDir;
      tutorial = c.tutorial;
      llmProvider = c.llmProvider;
      maxIterations = c.maxIterations;
      timeout = c.timeout;
      containerImage = c.containerImage;
      studentBehavior = c.studentBehavior;
      container = c.container;
      stateFile = c.stateFile;
      outputDir = c.outputDir;
      mentor = c.mentor;
      environment = c.environment;
      model = c.model;
    }

    public Builder baseDir(Path value) {
      baseDir = value;
      return this;
    }

    public Builder tutorial(String value) {
      tutorial = value;
      return this;
    }

    public Builder llmProvider(LlmProvider value) {
      llmProvider = value;
      return this;
    }

    public Builder maxIterations(int value) {
      maxIterations = value;
      return this;
    }

    public Builder timeout(int value) {
      timeout = value;
      return this;
    }

    public Builder containerImage(String value) {
      containerImage = value;
      return this;
    }

    public Builder studentBehavior(StudentBehavior value) {
      studentBehavior = value;
      return this;
    }

    public Builder container(ContainerSettings value) {
      container = value;
      return this;
    }

    public Builder stateFile(String value) {
      stateFile = value;
      return this;
    }

    public Builder outputDir(String value) {
      outputDir = value;
      return this;
    }

    public Builder mentor(MentorMode value) {
      mentor = value;
      return this;
    }

    public Builder environment(EnvironmentSettings value) {
      environment = value;
      return this;
    }

    public Builder model(ModelSettings value) {
      model = value;
      return this;
    }

    public SmileConfig build() {
      return new SmileConfig(
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
          mentor,
          environment,
          model);
    }
  }
}
