/**
 * What the LLM command-line agents record: the role an invocation played, the command line it ran,
 * and one {@link dev.smileloop.llm.entity.LlmCall} per invocation for the audit trail.
 */
package dev.smileloop.llm.entity;
