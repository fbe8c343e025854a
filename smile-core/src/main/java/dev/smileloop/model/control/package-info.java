/**
 * The model-API agents ({@code llmProvider} {@code openai} and {@code anthropic}) through
 * LangChain4j: a Student that acts only through SMILE's tools in the sandbox, a Mentor that is a
 * plain completion, and the calls' retries, budgets and audit records.
 */
package dev.smileloop.model.control;
