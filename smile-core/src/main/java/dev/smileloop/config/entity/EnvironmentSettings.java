package dev.smileloop.config.entity;

import java.util.List;

/**
 * What a tutorial may take for granted on a reader's machine. {@code baseline} lists the tools
 * every reader is assumed to have; the entry {@value #POSIX} stands for a POSIX shell, coreutils
 * and the usual POSIX utilities. A tool the tutorial uses outside the baseline without declaring it
 * is a "missing prerequisite" gap, even when this machine has it.
 */
public record EnvironmentSettings(List<String> baseline) {

  /** The baseline entry for a POSIX shell, coreutils and the usual POSIX utilities. */
  public static final String POSIX = "posix";

  public EnvironmentSettings {
    baseline = List.copyOf(baseline == null ? List.of(POSIX) : baseline);
  }

  public static EnvironmentSettings defaults() {
    return new EnvironmentSettings(List.of(POSIX));
  }
}
