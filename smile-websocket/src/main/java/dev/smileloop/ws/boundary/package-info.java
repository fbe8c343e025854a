/**
 * The container side of {@code /ws}: the Jakarta WebSocket endpoint and the application-scoped
 * broadcaster that observes the loop's CDI events and owns the delivery core and its managed
 * threads.
 */
package dev.smileloop.ws.boundary;
