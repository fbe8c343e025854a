package dev.smileloop.history.entity;

/**
 * An environment finding a run recorded: something about the machine, not the tutorial, that
 * stopped a step (no network, no container daemon, a sandbox limit, ...).
 */
public record RunFinding(
    String kind,
    Integer line,
    String quote,
    String step,
    String command,
    String evidence,
    String advice) {}
