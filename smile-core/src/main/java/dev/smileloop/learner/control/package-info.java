/**
 * The built-in, rule-based agents: a literal-minded learner that parses a tutorial into steps,
 * really runs its commands in a sandboxed terminal and compares what they print with what the
 * tutorial says they print, and a mentor that answers from a rule base.
 */
package dev.smileloop.learner.control;
