/**
 * The REST API under {@code /api}: small JAX-RS resources over the orchestrator, and the one mapper
 * that turns domain errors into status codes with {@code {"error": "..."}} bodies.
 */
package dev.smileloop.api;
