package dev.smileloop.it;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the bubblewrap sandbox exists on this machine. Tests that run real tutorial commands need
 * it; without it they are skipped, except where {@code SMILE_REQUIRE_SANDBOX=1} (CI) makes its
 * absence a failure.
 */
final class Sandbox {

  private Sandbox() {}

  static void assumeAvailable() {
    boolean present = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      present |= new File(dir, "bwrap").canExecute();
    }
    if ("1".equals(System.getenv("SMILE_REQUIRE_SANDBOX")) && !present) {
      throw new AssertionError("bubblewrap (bwrap) is required here but not installed");
    }
    Assumptions.assumeTrue(
        present, "bubblewrap (bwrap) is not installed; apt-get install bubblewrap");
  }
}
