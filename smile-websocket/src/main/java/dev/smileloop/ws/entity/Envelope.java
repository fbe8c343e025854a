package dev.smileloop.ws.entity;

/**
 * One text frame on {@code /ws}: {@code {"event", "payload", "seq", "timestamp"}}.
 *
 * <p>{@code seq} numbers the broadcast events of this server from 1 without gaps. Messages meant
 * for one client only ({@code connected} and the notices sent as {@code error}) do not take a
 * number of their own: they repeat the seq of the last broadcast event before them, so a client
 * that remembers the highest seq it has seen can always resume with {@code /ws?since=<seq>}. {@code
 * timestamp} is when the server published the frame, ISO-8601 UTC with microseconds. {@code loopId}
 * names the loop a broadcast event belongs to (several loops may run on one server); omitted for
 * messages to one client.
 */
public record Envelope(String event, Object payload, long seq, String timestamp, String loopId) {}
