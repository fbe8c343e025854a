/**
 * The built-in Student: a plan built from the tutorial's document ({@link
 * dev.smileloop.learner.student.AttemptPlan}), the run of each step in one sandboxed shell ({@link
 * dev.smileloop.learner.student.CommandRunner}, {@link dev.smileloop.learner.student.FileSaver},
 * {@link dev.smileloop.learner.student.OutputComparison}), and the record of what happened ({@link
 * dev.smileloop.learner.student.AttemptLog}) that becomes its output ({@link
 * dev.smileloop.learner.student.AttemptReport}).
 */
package dev.smileloop.learner.student;
