/**
 * A tutorial as the built-in learner reads it: steps under headings, their prose and code blocks,
 * the commands and files those blocks stand for, the outputs the prose says they print, and what
 * the prerequisites list.
 */
package dev.smileloop.learner.entity;
