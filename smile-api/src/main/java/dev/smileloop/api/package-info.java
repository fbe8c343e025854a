/**
 * The REST API under {@code /api}: small JAX-RS resources over the orchestrator. Who may call them
 * is decided in {@code api.security}, how errors are answered in {@code api.error}.
 */
package dev.smileloop.api;
