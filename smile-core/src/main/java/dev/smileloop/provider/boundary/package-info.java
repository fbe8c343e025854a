/**
 * Which Student and Mentor a loop's {@code llmProvider} gets: the built-in learner, an LLM
 * command-line tool, or none (external agents that report over REST).
 */
package dev.smileloop.provider.boundary;
