package dev.smileloop.loop.entity;

import java.time.Instant;

/**
 * One loop of {@code /api/loops}: its id there, where it is ({@code queued}, {@code running},
 * {@code finished}, or {@code stopped} before it ever ran), its place in the queue (1 is next; 0
 * once it left the queue), its tutorial, the folder holding its state and reports, when it was
 * queued, its {@link LoopState} once started (null while queued), and why it could not start.
 */
public record LoopEntry(
    String id,
    String phase,
    int queuePosition,
    String tutorial,
    String folder,
    Instant queuedAt,
    LoopState state,
    String error) {}
