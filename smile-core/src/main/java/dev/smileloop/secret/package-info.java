/**
 * Masking of credentials in anything SMILE shows: reports, the REST state, the event stream. The
 * lowest package of the core, so every surface that lets text out may use it.
 */
package dev.smileloop.secret;
