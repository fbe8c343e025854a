/** The assumed-environment manifest of a tutorial, as every report shows it. */
package dev.smileloop.manifest.entity;
