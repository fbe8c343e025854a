package dev.smileloop.learner.control;

import dev.smileloop.config.entity.ContainerSettings;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.tutorial.entity.Tutorial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture tutorials under {@code src/test/resources/learner} and configurations for them. */
public final class LearnerFixtures {

  private LearnerFixtures() {}

  public static Tutorial tutorial(String name) {
    URL resource = LearnerFixtures.class.getResource("/learner/" + name + "/tutorial.md");
    if (resource == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      Path file = Path.of(resource.toURI());
      return new Tutorial(name, file, file.getParent(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tutorial written to {@code folder/tutorial.md}. */
  public static Tutorial inline(Path folder, String markdown) throws IOException {
    Files.createDirectories(folder);
    Path file = Files.writeString(folder.resolve("tutorial.md"), markdown);
    return new Tutorial("inline", file, folder, markdown);
  }

  /** Defaults as in SPEC, but one second per command so that timeouts stay quick. */
  public static StudentBehavior behavior(Patience patience) {
    return new StudentBehavior(3, true, true, true, true, 1, patience);
  }

  public static StudentBehavior behavior(
      Patience patience, boolean missing, boolean ambiguous, boolean failure, boolean timeout) {
    return new StudentBehavior(3, missing, ambiguous, failure, timeout, 1, patience);
  }

  public static StudentBehavior retries(int maxRetries) {
    return new StudentBehavior(maxRetries, true, true, true, true, 1, Patience.LOW);
  }

  public static SmileConfig config(Path base, StudentBehavior behavior) {
    return config(base, behavior, ContainerSettings.defaults());
  }

  public static SmileConfig config(
      Path base, StudentBehavior behavior, ContainerSettings container) {
    SmileConfig defaults = SmileConfig.defaults(base);
    return new SmileConfig(
        base,
        defaults.tutorial(),
        LlmProvider.BUILTIN,
        defaults.maxIterations(),
        defaults.timeout(),
        defaults.containerImage(),
        behavior,
        container,
        defaults.stateFile(),
        defaults.outputDir());
  }
}
