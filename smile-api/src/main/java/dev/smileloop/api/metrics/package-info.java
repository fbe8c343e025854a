/**
 * MicroProfile Metrics for operators (Prometheus text at {@code /metrics}): loops, iterations,
 * commands, gaps, agent call durations and the {@code /ws} stream, counted by observing the loop's
 * events.
 */
package dev.smileloop.api.metrics;
