/**
 * Reads and writes {@code smile.json}: defaults, overrides from a request, and field-by-field
 * validation with messages that name the field.
 */
package dev.smileloop.config.control;
