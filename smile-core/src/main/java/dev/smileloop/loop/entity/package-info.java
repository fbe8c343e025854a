/**
 * The loop's data: statuses, the Student output, Mentor notes, iteration history, the wire {@code
 * LoopState} and the events fired on every transition, all immutable.
 */
package dev.smileloop.loop.entity;
