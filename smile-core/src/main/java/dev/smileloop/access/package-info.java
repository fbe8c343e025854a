/**
 * Who may drive this server and what it may touch: the API token, per-loop callback tokens, the
 * origins browsers may come from, and the folders REST callers may name. Below the loop, so the
 * loop's request parsing can confine paths; above nothing but {@code problem} and {@code secret}.
 */
package dev.smileloop.access;
