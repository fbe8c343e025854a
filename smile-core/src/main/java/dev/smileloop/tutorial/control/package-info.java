/**
 * Loads Markdown tutorials within the size and encoding limits, reads them once into the one {@link
 * dev.smileloop.tutorial.entity.TutorialDocument} everyone shares (commonmark-java), and checks the
 * images they show without ever leaving the tutorial's folder.
 */
package dev.smileloop.tutorial.control;
