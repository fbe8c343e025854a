package dev.smileloop.sandbox.control;

import java.util.Map;

/**
 * The environment tutorial commands start with. Deliberately minimal: the server's own environment
 * may hold tokens and keys, and none of it must reach a tutorial.
 */
final class CleanEnvironment {

  private CleanEnvironment() {}

  static void apply(ProcessBuilder builder, String home) {
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.put("PATH", ExecutableLookup.SANDBOX_PATH);
    environment.put("HOME", home);
    environment.put("LANG", "C.UTF-8");
    environment.put("TERM", "dumb");
    environment.put("USER", System.getProperty("user.name", "learner"));
  }
}
