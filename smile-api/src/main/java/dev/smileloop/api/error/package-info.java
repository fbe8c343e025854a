/**
 * Every error answer of the REST API as {@code {"error": "..."}}: domain errors, JAX-RS errors
 * (404, 405, 406, 415) and, as a last resort, anything else, so no answer carries a stack trace or
 * an HTML page.
 */
package dev.smileloop.api.error;
