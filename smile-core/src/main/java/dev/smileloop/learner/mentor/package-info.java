/**
 * The built-in Mentor: a few rules with real logic plus a table of error patterns per tool ({@code
 * mentor-rules.tsv}), the classifier that tells failures this machine caused from gaps in the
 * tutorial, and what the learner knows about tools: their packages and which ones a tutorial
 * declares ({@code DeclaredTools}, read by the Student, the Mentor and the manifest alike).
 */
package dev.smileloop.learner.mentor;
