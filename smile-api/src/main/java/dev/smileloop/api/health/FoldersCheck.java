package dev.smileloop.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The work folder (state and reports) and the sandbox workspace root can be written and have at
 * least {@code smile.health.minFreeMb} (default 100) MB free. A folder that does not exist yet
 * counts when it can be created.
 */
@Readiness
@ApplicationScoped
public class FoldersCheck implements HealthCheck {

  @Override
  public HealthCheckResponse call() {
    long minFree =
        ConfigProvider.getConfig()
                .getOptionalValue("smile.health.minFreeMb", Long.class)
                .orElse(100L)
            * 1024
            * 1024;
    var response = HealthCheckResponse.named("folders");
    List<String> problems = new ArrayList<>();
    for (Path folder : List.of(WorkFolders.workDir(), WorkFolders.workRoot())) {
      String problem = check(folder, minFree);
      if (problem != null) {
        problems.add(problem);
      }
      response.withData(folder.toString(), problem == null ? "writable" : problem);
    }
    if (problems.isEmpty()) {
      return response.up().build();
    }
    return response.down().withData("reason", String.join("; ", problems)).build();
  }

  private static String check(Path folder, long minFree) {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".smile-health", ".tmp");
      Files.delete(probe);
      long free = Files.getFileStore(folder).getUsableSpace();
      if (free < minFree) {
        return folder
            + " has only "
            + free / (1024 * 1024)
            + " MB free (needs "
            + minFree / (1024 * 1024)
            + " MB)";
      }
      return null;
    } catch (IOException | SecurityException e) {
      return folder + " is not writable: " + e.getMessage();
    }
  }
}
