/**
 * The loop's machinery: the engine that drives Student and Mentor on managed threads, its state
 * machine, the persisted state with its lock, and the setup of a loop from a typed start request.
 */
package dev.smileloop.loop.control;
