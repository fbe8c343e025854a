/**
 * The loop as the application sees it: one CDI orchestrator per instance that REST resources, the
 * WebSocket and the CLI path all go through, and the producers it needs.
 */
package dev.smileloop.loop.boundary;
