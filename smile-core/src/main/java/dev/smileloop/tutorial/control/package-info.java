/**
 * Loads Markdown tutorials within the size and encoding limits, and checks the images they refer to
 * without ever leaving the tutorial's folder.
 */
package dev.smileloop.tutorial.control;
