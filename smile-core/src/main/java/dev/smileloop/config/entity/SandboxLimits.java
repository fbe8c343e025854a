package dev.smileloop.config.entity;

/**
 * What one iteration's tutorial commands may use ({@code container.limits} in smile.json): {@code
 * processes} at once, {@code memoryMb} of memory, {@code fileSizeMb} for any one file written,
 * {@code workspaceMb} for the work and log folders together, {@code tmpMb} for the private {@code
 * /tmp}, and {@code cpuSeconds} of CPU time per process.
 */
public record SandboxLimits(
    int processes, int memoryMb, int fileSizeMb, int workspaceMb, int tmpMb, int cpuSeconds) {

  public static SandboxLimits defaults() {
    return new SandboxLimits(256, 2048, 1024, 1024, 256, 600);
  }

  /** Bytes of one of the megabyte values. */
  public static long bytes(int megabytes) {
    return megabytes * 1024L * 1024L;
  }
}
