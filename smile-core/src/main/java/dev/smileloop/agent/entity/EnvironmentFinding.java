package dev.smileloop.agent.entity;

/**
 * A failure whose cause is this machine, not the tutorial (shared contract 3): {@code kind} is one
 * of {@code network}, {@code container_daemon}, {@code read_only_system}, {@code sandbox_limit},
 * {@code declared_prerequisite}; {@code line}, {@code quote} and {@code step} place it in the
 * tutorial, {@code command} is what failed, {@code evidence} the output line that shows the cause
 * and {@code advice} what a reader or CI can do about it.
 */
public record EnvironmentFinding(
    String kind,
    Integer line,
    String quote,
    String step,
    String command,
    String evidence,
    String advice) {}
