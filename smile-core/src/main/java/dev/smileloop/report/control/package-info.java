/**
 * Builds the gap report from a finished loop, renders it in each format, masks secrets on the way
 * in, and writes the files safely (temporary file, atomic move, retries, stdout as last resort).
 */
package dev.smileloop.report.control;
