/**
 * The wire shapes of the {@code /ws} stream: the envelope every text frame carries and one record
 * per event payload, serialised with JSON-B.
 */
package dev.smileloop.ws.entity;
