/**
 * The REST API's door: the bearer token check, the request body limits and CORS for configured
 * origins, each a JAX-RS filter in one place.
 */
package dev.smileloop.api.security;
