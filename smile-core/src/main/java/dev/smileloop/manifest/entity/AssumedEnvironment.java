package dev.smileloop.manifest.entity;

import java.util.List;

/** The manifest: the configured baseline and every entry, in order of first use. */
public record AssumedEnvironment(List<String> baseline, List<ManifestEntry> entries) {

  public AssumedEnvironment {
    baseline = List.copyOf(baseline == null ? List.of() : baseline);
    entries = List.copyOf(entries == null ? List.of() : entries);
  }

  public static AssumedEnvironment empty() {
    return new AssumedEnvironment(List.of(), List.of());
  }
}
