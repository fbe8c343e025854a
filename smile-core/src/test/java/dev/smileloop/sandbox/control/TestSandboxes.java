package dev.smileloop.sandbox.control;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** Sandboxes for tests; bubblewrap tests are skipped on machines without it. */
public final class TestSandboxes {

  private TestSandboxes() {}

  public static Sandbox bubblewrap() {
    return bubblewrap(false);
  }

  public static Sandbox bubblewrap(boolean network) {
    Path bwrap = ExecutableLookup.system().find("bwrap").orElse(null);
    assumeTrue(bwrap != null, "bubblewrap (bwrap) is not installed");
    return new BubblewrapSandbox(bwrap, network);
  }
}
