/**
 * Isolated execution of tutorial commands: a bubblewrap sandbox (read-only system, private
 * workspace, no network) or, only when the user opts in, the bare host; a persistent shell per
 * attempt so directory, variables and functions carry over like in one terminal.
 */
package dev.smileloop.sandbox.control;
