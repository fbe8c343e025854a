/**
 * Reading a tutorial the way the built-in agents need it: the steps and what each code block is for
 * ({@code TutorialParser}, {@code BlockClassifier}), built on the one tutorial document; and the
 * rule-based Mentor with the helpers both agents share. The Student itself lives in {@code
 * learner.student}.
 */
package dev.smileloop.learner.control;
