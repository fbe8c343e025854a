/**
 * The {@code smile} command: starts a SMILE server (or uses a running one), drives a loop over
 * REST, follows its events on {@code /ws}, prints progress and exits with a code CI can act on.
 */
package dev.smileloop.cli;
