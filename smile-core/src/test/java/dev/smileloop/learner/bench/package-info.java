/** Hand-run measurements of the built-in learner; not part of the test suite. */
package dev.smileloop.learner.bench;
