package dev.smileloop.manifest.entity;

/**
 * One thing a tutorial relied on. {@code kind} is {@code tool}, {@code runtime}, {@code service} or
 * {@code env_var}; {@code version} what this machine has ("not found here", "shell builtin", or the
 * first line of {@code --version}; null for services and environment variables, whose values are
 * never shown); {@code declared} says the tutorial asks for it or installs it; {@code baseline}
 * that the configured baseline takes it for granted; {@code line} the first tutorial line that uses
 * it (null when unknown).
 */
public record ManifestEntry(
    String name, String kind, String version, boolean declared, boolean baseline, Integer line) {

  public static final String TOOL = "tool";
  public static final String RUNTIME = "runtime";
  public static final String SERVICE = "service";
  public static final String ENV_VAR = "env_var";

  /** "declared", "baseline" or "assumed": how the tutorial stands to it. */
  public String status() {
    return declared ? "declared" : baseline ? "baseline" : "assumed";
  }

  /** An assumed tool or runtime outside the baseline: a reader may not have it. */
  public boolean missingPrerequisite() {
    return !declared && !baseline && (kind.equals(TOOL) || kind.equals(RUNTIME));
  }
}
