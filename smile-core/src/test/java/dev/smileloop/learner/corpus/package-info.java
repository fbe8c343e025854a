/**
 * The tutorial corpus ({@code src/test/resources/corpus}): tutorials in the styles real ones are
 * written in, each with the findings a careful reader expects, run through the built-in learner and
 * Mentor in the real sandbox and scored.
 */
package dev.smileloop.learner.corpus;
