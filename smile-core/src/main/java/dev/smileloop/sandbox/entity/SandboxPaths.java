package dev.smileloop.sandbox.entity;

/**
 * Where a workspace appears to the commands inside the sandbox. {@code tutorial} is null when no
 * tutorial folder is mounted.
 */
public record SandboxPaths(String work, String logs, String tutorial) {}
