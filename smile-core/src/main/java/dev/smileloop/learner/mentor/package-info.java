/**
 * The built-in Mentor: a few rules with real logic plus a table of error patterns per tool ({@code
 * mentor-rules.tsv}), and the classifier that tells failures this machine caused from gaps in the
 * tutorial.
 */
package dev.smileloop.learner.mentor;
