/** Giving memory back to the system once a burst of work is over. */
package dev.smileloop.api.memory;
