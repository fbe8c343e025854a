package dev.smileloop.api.health;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.sandbox.entity.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The sandbox really works: a trivial command runs in it (bubblewrap, as tutorial commands do) and
 * prints what it was told to. The answer is kept for 30 s, so a busy health probe does not start a
 * sandbox per request.
 */
@Readiness
@ApplicationScoped
public class SandboxCheck implements HealthCheck {

  private static final Duration KEEP = Duration.ofSeconds(30);
  private static final String MARK = "smile-sandbox-ok";

  private HealthCheckResponse last;
  private Instant checkedAt = Instant.MIN;

  @Override
  public synchronized HealthCheckResponse call() {
    if (last == null || Instant.now().isAfter(checkedAt.plus(KEEP))) {
      last = probe();
      checkedAt = Instant.now();
    }
    return last;
  }

  private static HealthCheckResponse probe() {
    var response = HealthCheckResponse.named("sandbox");
    Sandbox sandbox;
    try {
      sandbox = Sandbox.forConfig(SmileConfig.defaults(WorkFolders.workDir()));
    } catch (RuntimeException e) {
      return response.down().withData("reason", e.getMessage()).build();
    }
    response.withData("sandbox", sandbox.description());
    Workspace workspace = null;
    try {
      workspace =
          Workspaces.prepare(WorkFolders.workRoot(), "health-" + UUID.randomUUID(), 1, null);
      Process shell = sandbox.shell(workspace).redirectErrorStream(true).start();
      try (OutputStream in = shell.getOutputStream()) {
        in.write(("echo " + MARK + "\nexit 0\n").getBytes(StandardCharsets.UTF_8));
      }
      if (!shell.waitFor(10, TimeUnit.SECONDS)) {
        shell.destroyForcibly();
        return response
            .down()
            .withData("reason", "a trivial command did not finish in 10 s")
            .build();
      }
      String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (shell.exitValue() != 0 || !output.contains(MARK)) {
        return response
            .down()
            .withData(
                "reason",
                "a trivial command failed in the "
                    + sandbox.description()
                    + " (exit "
                    + shell.exitValue()
                    + "): "
                    + output.strip())
            .build();
      }
      return response.up().build();
    } catch (IOException e) {
      return response
          .down()
          .withData("reason", "cannot start the sandbox: " + e.getMessage())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return response.down().withData("reason", "interrupted").build();
    } finally {
      if (workspace != null) {
        try {
          Workspaces.deleteTree(workspace.root().getParent());
        } catch (IOException e) {
          java.util.logging.Logger.getLogger(SandboxCheck.class.getName())
              .fine(() -> "could not remove the health check's workspace: " + e);
        }
      }
    }
  }
}
