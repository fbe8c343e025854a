package dev.smileloop.agent.entity;

/**
 * One command the Student ran: where it stands in the tutorial ({@code line}, 0 when it came from a
 * Mentor note), its exit code, an excerpt of its output, how long it took, and whether it was a fix
 * the Mentor suggested rather than a tutorial command.
 */
public record CommandRecord(
    String command,
    int line,
    String step,
    int exitCode,
    String outputExcerpt,
    long durationMillis,
    boolean timedOut,
    boolean fromMentor) {}
