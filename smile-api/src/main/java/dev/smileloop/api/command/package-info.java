/**
 * Request bodies as records: each is checked against its schema in the OpenAPI contract for JSON
 * types, bound with JSON-B and checked with Bean Validation for the rules a schema cannot say; a
 * failure is an {@link dev.smileloop.api.command.InvalidCommandException} naming the field.
 */
package dev.smileloop.api.command;
