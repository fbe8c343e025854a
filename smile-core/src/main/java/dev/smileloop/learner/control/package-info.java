/**
 * The built-in, rule-based agents: a literal-minded learner that parses a tutorial into steps and
 * really runs its commands in a sandboxed terminal, and a mentor that answers from a rule base.
 */
package dev.smileloop.learner.control;
