/**
 * The server as the CLI's reusable local daemon: it stops itself after an idle time without a loop
 * ({@code smile.idleShutdownSeconds}), so a server the CLI left running never lingers.
 */
package dev.smileloop.api.daemon;
