/**
 * The loop's machinery: the engine that drives Student and Mentor on managed threads, its state
 * machine, the persisted state with its lock, and the validation of requests and callbacks.
 */
package dev.smileloop.loop.control;
