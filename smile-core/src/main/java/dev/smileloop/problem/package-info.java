/** Errors users see: one exception type whose kind each boundary maps to its own answer. */
package dev.smileloop.problem;
