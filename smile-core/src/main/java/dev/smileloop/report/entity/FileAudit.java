package dev.smileloop.report.entity;

import java.time.Instant;

/** A file the Student said it created, stamped with the time it reported. */
public record FileAudit(int iteration, Instant timestamp, String path) {}
