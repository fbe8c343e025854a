/**
 * One error shape for every failure: mappers that turn JAX-RS's own errors (unknown path, wrong
 * method or media type) and anything unexpected into the same problem body as domain errors, and
 * the error page that does the same for the container's errors outside {@code /api}.
 */
package dev.smileloop.api.error;
