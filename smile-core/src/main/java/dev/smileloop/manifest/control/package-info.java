/**
 * Builds the assumed-environment manifest: which tools, runtimes, services and environment
 * variables a tutorial used, which of them it declares, and what this machine has of them.
 */
package dev.smileloop.manifest.control;
