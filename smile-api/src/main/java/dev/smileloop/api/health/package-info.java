/**
 * MicroProfile Health for operators: liveness, and readiness made of named checks (the sandbox
 * really runs a command, the folders are writable with free space, the engine takes loops, the
 * event stream runs); plus the start-up bean that builds the application eagerly and keeps every
 * endpoint answering 503 until it has.
 */
package dev.smileloop.api.health;
