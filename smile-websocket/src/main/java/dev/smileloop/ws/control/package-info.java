/**
 * The delivery core of {@code /ws}, plain Java so it can be tested without a container: sequence
 * numbers, the replay buffer, one bounded queue per client that drops its oldest events, and the
 * heartbeat. Threads come from the {@link java.util.concurrent.Executor} it is given.
 */
package dev.smileloop.ws.control;
